using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Actors.Raster.Cog;

/// <summary>
/// TIFF predictor 3 as libtiff applies it to a row of little-endian float32: the row's bytes regrouped
/// into planes (most significant byte of every value first), then each byte minus the one before it.
/// Sign, exponent and high mantissa bytes of neighbouring values then differ little, which the
/// compressor turns into a better ratio at a faster speed than raw floats.
/// </summary>
internal static class FloatingPointPredictor
{
    private static readonly Vector128<byte> ByteToPlanes = Vector128.Create((byte)3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13, 0, 4, 8, 12);

    /// <summary>Encodes <paramref name="row"/> into <paramref name="destination"/> (4 bytes per value); <paramref name="planes"/> is scratch of the same size.</summary>
    // Runs a few hundred times per raster: unoptimized tier-0 code would crawl through the pixels until on-stack replacement.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Encode(ReadOnlySpan<float> row, Span<byte> planes, Span<byte> destination)
    {
        var n = row.Length;
        var bytes = MemoryMarshal.AsBytes(row);
        var x = 0;
        if (Ssse3.IsSupported)
        {
            ref var source = ref MemoryMarshal.GetReference(bytes);
            for (; x <= n - 16; x += 16)
            {
                var v0 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref source, (nuint)(4 * x)), ByteToPlanes).AsInt32();
                var v1 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref source, (nuint)(4 * x + 16)), ByteToPlanes).AsInt32();
                var v2 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref source, (nuint)(4 * x + 32)), ByteToPlanes).AsInt32();
                var v3 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref source, (nuint)(4 * x + 48)), ByteToPlanes).AsInt32();
                var t0 = Sse2.UnpackLow(v0, v1).AsInt64();
                var t1 = Sse2.UnpackLow(v2, v3).AsInt64();
                var t2 = Sse2.UnpackHigh(v0, v1).AsInt64();
                var t3 = Sse2.UnpackHigh(v2, v3).AsInt64();
                Sse2.UnpackLow(t0, t1).AsByte().CopyTo(planes[x..]);
                Sse2.UnpackHigh(t0, t1).AsByte().CopyTo(planes[(n + x)..]);
                Sse2.UnpackLow(t2, t3).AsByte().CopyTo(planes[(2 * n + x)..]);
                Sse2.UnpackHigh(t2, t3).AsByte().CopyTo(planes[(3 * n + x)..]);
            }
        }
        for (; x < n; x++)
            for (var b = 0; b < 4; b++)
                planes[b * n + x] = bytes[4 * x + 3 - b];

        destination[0] = planes[0];
        var i = 1;
        if (Vector256.IsHardwareAccelerated)
            for (; i <= planes.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
                (Vector256.Create(planes[i..]) - Vector256.Create(planes[(i - 1)..])).CopyTo(destination[i..]);
        for (; i < planes.Length; i++) destination[i] = (byte)(planes[i] - planes[i - 1]);
    }
}
