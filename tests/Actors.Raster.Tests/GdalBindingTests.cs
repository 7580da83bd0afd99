using Actors.Raster;
using Actors.Raster.Algorithms;
using Actors.Raster.Gdal;

namespace Actors.Raster.Tests;

public sealed class GdalBindingTests
{
    [Fact]
    public void Opening_a_missing_file_throws_with_gdals_reason()
    {
        var error = Assert.Throws<GdalException>(() => RasterDataset.Open("/no/such/file.tif"));
        Assert.Contains("/no/such/file.tif", error.Message);
        Assert.Contains("No such file", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Windows_written_to_memory_read_back()
    {
        using var dataset = RasterDataset.CreateInMemory(64, 32, 1, PixelType.UInt16);
        var block = Enumerable.Range(0, 10 * 5).Select(i => (ushort)(i * 7)).ToArray();
        dataset.Write<ushort>(1, 3, 4, 10, 5, block);
        var read = new ushort[10 * 5];
        dataset.Read<ushort>(1, 3, 4, 10, 5, read);
        Assert.Equal(block, read);
    }

    [Fact]
    public void A_utm_box_transforms_to_the_expected_wgs84_bounds()
    {
        using var utm = SpatialReference.FromEpsg(32633);
        using var wgs84 = SpatialReference.Wgs84();
        // 15°E is the central meridian of zone 33: easting 500000 there.
        var (w, s, e, n) = utm.TransformBounds(wgs84, 499000, 5_500_000, 501000, 5_502_000);
        Assert.InRange((w + e) / 2, 14.999, 15.001);
        Assert.InRange(s, 49.6, 49.7);
        Assert.True(w < e && s < n);
        Assert.Equal(32633, utm.Epsg);
        Assert.False(utm.IsGeographic);
        Assert.True(wgs84.IsGeographic);
    }

    [Fact]
    public void Simd_normalized_difference_equals_the_scalar_formula_with_nodata_and_zero_sums()
    {
        var random = new Random(3);
        var a = Enumerable.Range(0, 1000).Select(_ => (ushort)random.Next(0, 4)).ToArray();
        var b = Enumerable.Range(0, 1000).Select(_ => (ushort)random.Next(0, 4)).ToArray();
        var result = new float[1000];
        NormalizedDifference.Compute(a, b, result, noData: 3);
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == 3 || b[i] == 3 || a[i] + b[i] == 0) Assert.True(float.IsNaN(result[i]), $"pixel {i}");
            else Assert.Equal(((float)a[i] - b[i]) / ((float)a[i] + b[i]), result[i]);
        }
    }

    [Fact]
    public void Otsu_splits_two_clusters_between_them_and_returns_a_constant_image_value()
    {
        var values = Enumerable.Repeat(0.1f, 500).Concat(Enumerable.Repeat(0.9f, 300)).Append(float.NaN).ToArray();
        var threshold = OtsuThreshold.FromValues(values);
        Assert.InRange(threshold, 0.1, 0.9);
        Assert.Equal(0.4f, OtsuThreshold.FromValues([0.4f, 0.4f, float.NaN]), 6);
        Assert.Throws<InvalidOperationException>(() => OtsuThreshold.FromValues([float.NaN]));
    }

    [Fact]
    public void Quantized_codes_round_trip_within_half_a_step()
    {
        var values = Enumerable.Range(0, 4096).Select(i => i % 97 == 0 ? float.NaN : -1f + i * (2f / 4095)).ToArray();
        foreach (var value in values)
        {
            var code = IndexQuantizer.Encode(value);
            if (float.IsNaN(value)) Assert.Equal(IndexQuantizer.NoData, code);
            else Assert.InRange(IndexQuantizer.Decode(code) - value, -1.6e-5, 1.6e-5);
        }
    }
}
