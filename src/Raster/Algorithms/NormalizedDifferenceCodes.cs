using System.Numerics;
using System.Runtime.CompilerServices;

namespace Actors.Raster.Algorithms;

/// <summary>
/// The normalized difference of two uint16 bands straight into <see cref="IndexQuantizer"/> codes, with
/// the code histogram and the value range, in one pass and without a float32 intermediate: the same
/// float arithmetic as <see cref="NormalizedDifference"/> followed by <see cref="IndexQuantizer.Encode"/>,
/// so the codes are identical, at a fraction of the memory traffic.
/// </summary>
public static class NormalizedDifferenceCodes
{
    private const float Scale = 65534 / 2f;

    /// <summary>
    /// Writes the code of (a − b) / (a + b) for each pixel (<see cref="IndexQuantizer.NoData"/> where either
    /// input is <paramref name="noData"/> or both are 0), adds every code to <paramref name="histogram"/>
    /// and widens <paramref name="min"/>/<paramref name="max"/> to the valid values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void EncodeAndCount(
        ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b, ushort? noData, Span<ushort> codes, Span<uint> histogram,
        ref float min, ref float max)
    {
        if (a.Length != b.Length || codes.Length < a.Length || histogram.Length < IndexQuantizer.Codes)
            throw new ArgumentException("Inputs, codes and histogram must match in length.");
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<ushort>.Count)
        {
            var nd = new Vector<ushort>(noData ?? 0);
            var checkNoData = noData.HasValue;
            var vMin = new Vector<float>(min);
            var vMax = new Vector<float>(max);
            for (; i <= a.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                var va = new Vector<ushort>(a[i..]);
                var vb = new Vector<ushort>(b[i..]);
                var invalid = checkNoData ? Vector.BitwiseOr(Vector.Equals(va, nd), Vector.Equals(vb, nd)) : Vector<ushort>.Zero;
                Vector.Widen(va, out var aLow, out var aHigh);
                Vector.Widen(vb, out var bLow, out var bHigh);
                // Widen the all-ones mask as signed so it stays all ones.
                Vector.Widen(Vector.AsVectorInt16(invalid), out var invalidLow, out var invalidHigh);
                var low = Code(aLow, bLow, invalidLow, ref vMin, ref vMax);
                var high = Code(aHigh, bHigh, invalidHigh, ref vMin, ref vMax);
                Vector.AsVectorUInt16(Vector.Narrow(low, high)).CopyTo(codes[i..]);
            }
            for (var k = 0; k < Vector<float>.Count; k++)
            {
                min = Math.Min(min, vMin[k]);
                max = Math.Max(max, vMax[k]);
            }
        }
        for (; i < a.Length; i++)
        {
            float value;
            if (noData is { } n && (a[i] == n || b[i] == n)) value = float.NaN;
            else
            {
                float fa = a[i], fb = b[i];
                value = (fa - fb) / (fa + fb);
            }
            codes[i] = IndexQuantizer.Encode(value);
            if (float.IsNaN(value)) continue;
            if (value < min) min = value;
            if (value > max) max = value;
        }
        Count(codes[..a.Length], histogram);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> Code(Vector<uint> a, Vector<uint> b, Vector<int> invalid, ref Vector<float> min, ref Vector<float> max)
    {
        var fa = Vector.ConvertToSingle(a);
        var fb = Vector.ConvertToSingle(b);
        var value = (fa - fb) / (fa + fb);
        var valid = Vector.AndNot(Vector.Equals(value, value), invalid);
        min = Vector.Min(min, Vector.ConditionalSelect(valid, value, new Vector<float>(float.PositiveInfinity)));
        max = Vector.Max(max, Vector.ConditionalSelect(valid, value, new Vector<float>(float.NegativeInfinity)));
        var clamped = Vector.Min(Vector.Max(value, new Vector<float>(-1f)), Vector<float>.One);
        var code = Vector.ConvertToInt32((clamped + Vector<float>.One) * new Vector<float>(Scale) + new Vector<float>(1.5f));
        return Vector.ConditionalSelect(valid, code, Vector<int>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Count(ReadOnlySpan<ushort> codes, Span<uint> histogram)
    {
        foreach (var code in codes) histogram[code]++;
    }
}
