using Actors.Raster.Algorithms;

namespace Actors.Raster.Tests;

public sealed class IndexKernelTests
{
    [Fact]
    public void Codes_straight_from_the_bands_equal_the_float_index_encoded_with_the_same_histogram_and_range()
    {
        const int n = 10_007; // not a multiple of any vector width: the scalar tail runs too
        var random = new Random(11);
        var a = new ushort[n];
        var b = new ushort[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = (ushort)random.Next(0, 12000);
            b[i] = (ushort)random.Next(0, 12000);
        }
        (a[3], b[3]) = (0, 0); // 0/0
        (a[10], b[500]) = (65535, 65535); // nodata in either band

        var index = new float[n];
        NormalizedDifference.Compute(a, b, index, 65535);
        var expected = index.Select(IndexQuantizer.Encode).ToArray();
        var codes = new ushort[n];
        var histogram = new uint[IndexQuantizer.Codes];
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        NormalizedDifferenceCodes.EncodeAndCount(a, b, 65535, codes, histogram, ref min, ref max);

        Assert.Equal(expected, codes);
        Assert.Equal(3u, histogram[IndexQuantizer.NoData]);
        Assert.Equal((uint)n, (uint)histogram.Sum(c => (long)c));
        Assert.Equal(index.Where(float.IsFinite).Min(), min);
        Assert.Equal(index.Where(float.IsFinite).Max(), max);
    }

    [Fact]
    public void The_mask_classes_codes_as_their_values_compare_with_the_threshold()
    {
        const double threshold = -0.3259642;
        var codes = Enumerable.Range(0, 70_001).Select(i => (ushort)(i * 7919 % IndexQuantizer.Codes)).ToArray();
        var mask = new byte[codes.Length];
        IndexMask.Classify(codes, IndexMask.FirstCodeAbove(threshold), mask, 0, 1, 255);
        for (var i = 0; i < codes.Length; i++)
        {
            var expected = codes[i] == IndexQuantizer.NoData ? 255 : IndexQuantizer.Decode(codes[i]) > threshold ? 1 : 0;
            Assert.Equal(expected, mask[i]);
        }
    }

    [Fact]
    public void Scaled_ndvi_rounds_the_float_index_and_fills_where_it_is_undefined()
    {
        const int n = 1003;
        var random = new Random(4);
        var a = Enumerable.Range(0, n).Select(i => (ushort)(i % 50 == 0 ? 0 : random.Next(1, 9000))).ToArray();
        var b = Enumerable.Range(0, n).Select(i => (ushort)(i % 50 == 0 ? 0 : i % 77 == 0 ? 65535 : random.Next(0, 9000))).ToArray();
        var withNan = new float[n];
        NormalizedDifference.Compute(a, b, withNan, 65535);
        var scaled = new short[n];
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        NormalizedDifference.ComputeScaled(a, b, scaled, 65535, short.MinValue, 10000f, ref min, ref max);
        for (var i = 0; i < n; i++)
        {
            if (float.IsNaN(withNan[i])) Assert.Equal(short.MinValue, scaled[i]);
            else Assert.InRange(scaled[i] / 10000.0 - withNan[i], -0.5e-4 - 1e-7, 0.5e-4 + 1e-7);
        }
        Assert.Equal(withNan.Where(float.IsFinite).Min(), min);
        Assert.Equal(withNan.Where(float.IsFinite).Max(), max);
    }
}
