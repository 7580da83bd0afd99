using System.Numerics;

namespace Actors.Raster.Algorithms;

/// <summary>(a - b) / (a + b) over uint16 reflectances, in float32, as the app package computes it on raw values.</summary>
public static class NormalizedDifference
{
    /// <summary>
    /// Computes the index for each pixel. A pixel is NaN where either input equals <paramref name="noData"/>
    /// or both are zero (0/0), so nodata never enters a histogram.
    /// </summary>
    public static void Compute(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b, Span<float> result, ushort? noData)
    {
        if (a.Length != b.Length || result.Length < a.Length)
            throw new ArgumentException("Input and output spans must have matching lengths.");
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<ushort>.Count)
        {
            var nan = new Vector<float>(float.NaN);
            var nd = new Vector<ushort>(noData ?? 0);
            var checkNoData = noData.HasValue;
            for (; i <= a.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                var va = new Vector<ushort>(a.Slice(i));
                var vb = new Vector<ushort>(b.Slice(i));
                var invalid = checkNoData
                    ? Vector.BitwiseOr(Vector.Equals(va, nd), Vector.Equals(vb, nd))
                    : Vector<ushort>.Zero;
                Vector.Widen(va, out var aLow, out var aHigh);
                Vector.Widen(vb, out var bLow, out var bHigh);
                // Widen the all-ones mask as signed so it stays all ones (0xFFFF → 0xFFFFFFFF, not 0x0000FFFF).
                Vector.Widen(Vector.AsVectorInt16(invalid), out var invalidLow, out var invalidHigh);
                Store(aLow, bLow, invalidLow, nan, result.Slice(i));
                Store(aHigh, bHigh, invalidHigh, nan, result.Slice(i + Vector<uint>.Count));
            }
        }
        for (; i < a.Length; i++)
        {
            if (noData is { } n && (a[i] == n || b[i] == n)) { result[i] = float.NaN; continue; }
            float fa = a[i], fb = b[i];
            result[i] = (fa - fb) / (fa + fb);
        }
    }

    private static void Store(Vector<uint> a, Vector<uint> b, Vector<int> invalid, Vector<float> nan, Span<float> destination)
    {
        var fa = Vector.ConvertToSingle(a);
        var fb = Vector.ConvertToSingle(b);
        // 0/0 gives NaN by itself; nodata pixels are forced to NaN.
        var value = (fa - fb) / (fa + fb);
        Vector.ConditionalSelect(invalid, nan, value).CopyTo(destination);
    }

    /// <summary>
    /// The index × <paramref name="factor"/> rounded half up to int16 (factor 10,000 keeps 4 decimals of a
    /// value in [-1, 1]), <paramref name="fill"/> where it is undefined, and the range of the unscaled values.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void ComputeScaled(
        ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b, Span<short> result, ushort? noData, short fill, float factor, ref float min, ref float max)
    {
        if (a.Length != b.Length || result.Length < a.Length)
            throw new ArgumentException("Input and output spans must have matching lengths.");
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<ushort>.Count)
        {
            var nd = new Vector<ushort>(noData ?? 0);
            var checkNoData = noData.HasValue;
            var (vFill, vFactor) = (new Vector<int>(fill), new Vector<float>(factor));
            var (vMin, vMax) = (new Vector<float>(min), new Vector<float>(max));
            for (; i <= a.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                var va = new Vector<ushort>(a[i..]);
                var vb = new Vector<ushort>(b[i..]);
                var invalid = checkNoData ? Vector.BitwiseOr(Vector.Equals(va, nd), Vector.Equals(vb, nd)) : Vector<ushort>.Zero;
                Vector.Widen(va, out var aLow, out var aHigh);
                Vector.Widen(vb, out var bLow, out var bHigh);
                Vector.Widen(Vector.AsVectorInt16(invalid), out var invalidLow, out var invalidHigh);
                Vector.Narrow(Scaled(aLow, bLow, invalidLow, vFactor, vFill, ref vMin, ref vMax), Scaled(aHigh, bHigh, invalidHigh, vFactor, vFill, ref vMin, ref vMax)).CopyTo(result[i..]);
            }
            for (var k = 0; k < Vector<float>.Count; k++)
            {
                min = Math.Min(min, vMin[k]);
                max = Math.Max(max, vMax[k]);
            }
        }
        for (; i < a.Length; i++)
        {
            if (noData is { } n && (a[i] == n || b[i] == n)) { result[i] = fill; continue; }
            float fa = a[i], fb = b[i];
            var value = (fa - fb) / (fa + fb);
            if (float.IsNaN(value)) { result[i] = fill; continue; }
            result[i] = (short)(int)MathF.Floor(value * factor + 0.5f);
            if (value < min) min = value;
            if (value > max) max = value;
        }
    }

    // Inlined into the optimized loop above; as a local function it was compiled on its own, at tier 0 first.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector<int> Scaled(Vector<uint> x, Vector<uint> y, Vector<int> invalid, Vector<float> factor, Vector<int> fill, ref Vector<float> min, ref Vector<float> max)
    {
        var fx = Vector.ConvertToSingle(x);
        var fy = Vector.ConvertToSingle(y);
        var value = (fx - fy) / (fx + fy);
        var valid = Vector.AndNot(Vector.Equals(value, value), invalid);
        min = Vector.Min(min, Vector.ConditionalSelect(valid, value, new Vector<float>(float.PositiveInfinity)));
        max = Vector.Max(max, Vector.ConditionalSelect(valid, value, new Vector<float>(float.NegativeInfinity)));
        var scaled = Vector.ConvertToInt32(Vector.Floor(value * factor + new Vector<float>(0.5f)));
        return Vector.ConditionalSelect(valid, scaled, fill);
    }
}
