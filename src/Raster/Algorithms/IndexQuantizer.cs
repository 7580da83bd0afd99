using System.Numerics;

namespace Actors.Raster.Algorithms;

/// <summary>
/// Maps a normalized-difference value in [-1, 1] to a 16-bit code (0 = nodata) and back. It lets a
/// whole tile's index live in two bytes a pixel, so Otsu's global histogram and the final
/// threshold come from one decode of the inputs. The code step (2/65534 ≈ 3e-5) is ~250 times finer
/// than an Otsu bin, so the threshold stays within one bin of the float computation.
/// </summary>
public static class IndexQuantizer
{
    /// <summary>The code for nodata.</summary>
    public const ushort NoData = 0;

    /// <summary>Number of distinct codes, nodata included.</summary>
    public const int Codes = 65536;

    private const float Scale = 65534 / 2f;

    /// <summary>The code of a value (NaN → <see cref="NoData"/>).</summary>
    public static ushort Encode(float value) =>
        float.IsNaN(value) ? NoData : (ushort)(int)((Math.Clamp(value, -1f, 1f) + 1f) * Scale + 1.5f);

    /// <summary>The value a code stands for (the centre of its step).</summary>
    public static double Decode(int code) => (code - 1) / (double)Scale - 1;

    /// <summary>
    /// Encodes <paramref name="values"/> into <paramref name="codes"/>, counts them into
    /// <paramref name="histogram"/> and widens <paramref name="min"/>/<paramref name="max"/> to the finite values.
    /// </summary>
    public static void EncodeAndCount(ReadOnlySpan<float> values, Span<ushort> codes, Span<long> histogram, ref float min, ref float max)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count * 2)
        {
            var vMin = new Vector<float>(min);
            var vMax = new Vector<float>(max);
            var one = Vector<float>.One;
            var scale = new Vector<float>(Scale);
            var half = new Vector<float>(1.5f);
            var lower = new Vector<float>(-1f);
            var posInf = new Vector<float>(float.PositiveInfinity);
            var negInf = new Vector<float>(float.NegativeInfinity);
            var step = Vector<float>.Count * 2;
            for (; i <= values.Length - step; i += step)
            {
                var a = new Vector<float>(values.Slice(i));
                var b = new Vector<float>(values.Slice(i + Vector<float>.Count));
                var validA = Vector.Equals(a, a);
                var validB = Vector.Equals(b, b);
                vMin = Vector.Min(vMin, Vector.ConditionalSelect(validA, a, posInf));
                vMin = Vector.Min(vMin, Vector.ConditionalSelect(validB, b, posInf));
                vMax = Vector.Max(vMax, Vector.ConditionalSelect(validA, a, negInf));
                vMax = Vector.Max(vMax, Vector.ConditionalSelect(validB, b, negInf));
                var ca = Vector.ConvertToInt32((Vector.Min(Vector.Max(a, lower), one) + one) * scale + half);
                var cb = Vector.ConvertToInt32((Vector.Min(Vector.Max(b, lower), one) + one) * scale + half);
                ca = Vector.ConditionalSelect(validA, ca, Vector<int>.Zero);
                cb = Vector.ConditionalSelect(validB, cb, Vector<int>.Zero);
                var packed = Vector.AsVectorUInt16(Vector.Narrow(ca, cb));
                packed.CopyTo(codes.Slice(i));
            }
            for (var k = 0; k < Vector<float>.Count; k++)
            {
                min = Math.Min(min, vMin[k]);
                max = Math.Max(max, vMax[k]);
            }
        }
        for (; i < values.Length; i++)
        {
            var v = values[i];
            codes[i] = Encode(v);
            if (float.IsNaN(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        foreach (var code in codes[..values.Length]) histogram[code]++;
    }
}
