using System.Numerics;
using System.Runtime.InteropServices;

namespace Actors.Raster.Cog;

/// <summary>TIFF predictor 2 on a row of 16-bit values: each value minus the one to its left, wrapping.</summary>
internal static class HorizontalPredictor
{
    // Runs a few hundred times per raster: unoptimized tier-0 code would crawl through the pixels until on-stack replacement.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Encode(ReadOnlySpan<short> row, Span<short> destination)
    {
        destination[0] = row[0];
        var x = 1;
        if (Vector.IsHardwareAccelerated)
            for (; x <= row.Length - Vector<short>.Count; x += Vector<short>.Count)
                (new Vector<short>(row[x..]) - new Vector<short>(row[(x - 1)..])).CopyTo(destination[x..]);
        for (; x < row.Length; x++) destination[x] = (short)(row[x] - row[x - 1]);
    }

    /// <summary>The same on any 16-bit pixel type (the arithmetic wraps identically for signed and unsigned).</summary>
    public static void Encode<T>(ReadOnlySpan<T> row, Span<T> destination) where T : unmanaged =>
        Encode(MemoryMarshal.Cast<T, short>(row), MemoryMarshal.Cast<T, short>(destination));
}
