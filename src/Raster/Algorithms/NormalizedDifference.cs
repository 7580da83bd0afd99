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
}
