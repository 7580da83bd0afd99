using Actors.Processing.Products;
using Actors.Raster;
using Actors.Raster.Algorithms;

namespace Actors.Processing.Tests;

public sealed class WaterBodiesProcessorTests(SampleSceneFixture sample) : IClassFixture<SampleSceneFixture>
{
    private async Task<ProductOutput> RunAsync() =>
        await new WaterBodiesProcessor().RunAsync(
            new ProductInput(sample.Scene.BandPaths, sample.NewOutputDirectory(), "water-bodies"), CancellationToken.None);

    [Fact]
    public async Task Water_mask_matches_the_generators_truth_with_iou_of_at_least_0_97()
    {
        var output = await RunAsync();
        var mask = ReadAll<byte>(output.DataFile);
        var truth = ReadAll<byte>(sample.Scene.TruthMaskPath);

        long intersection = 0, union = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            if (truth[i] == 255) continue;
            var a = mask[i] == 1;
            var b = truth[i] == 1;
            if (a && b) intersection++;
            if (a || b) union++;
        }
        var iou = (double)intersection / union;
        Assert.True(union > 10_000, "the sample must contain water");
        Assert.True(iou >= 0.97, $"IoU {iou:F4} < 0.97");
    }

    [Fact]
    public async Task Nodata_pixels_of_the_input_are_255_in_the_mask_and_nowhere_else()
    {
        var output = await RunAsync();
        var mask = ReadAll<byte>(output.DataFile);
        var truth = ReadAll<byte>(sample.Scene.TruthMaskPath);
        for (var i = 0; i < truth.Length; i++)
            Assert.Equal(truth[i] == 255, mask[i] == 255);
    }

    [Fact]
    public async Task Threshold_equals_brute_force_otsu_over_the_same_256_bin_histogram()
    {
        var output = await RunAsync();
        var ndwi = FloatNdwi();
        var (min, max) = OtsuThreshold.FiniteRange(ndwi);
        var histogram = new long[256];
        foreach (var v in ndwi) if (float.IsFinite(v)) histogram[OtsuThreshold.BinOf(v, min, max)]++;

        var expected = BruteForceOtsu(histogram, min, max);
        var threshold = (double)output.Properties["water-bodies:otsu_threshold"]!;
        var binWidth = (max - min) / 256;
        // The processor bins 16-bit codes of the index (one decode of the inputs); that may move a pixel
        // across a bin edge but never the threshold by more than one bin.
        Assert.InRange(threshold, expected - binWidth * 1.0001, expected + binWidth * 1.0001);
        Assert.Equal(expected, OtsuThreshold.FromValues(ndwi), 12);
    }

    [Fact]
    public async Task Mask_is_the_ndwi_above_the_threshold_for_all_but_a_sliver_of_pixels()
    {
        var output = await RunAsync();
        var threshold = (double)output.Properties["water-bodies:otsu_threshold"]!;
        var ndwi = FloatNdwi();
        var mask = ReadAll<byte>(output.DataFile);
        long agree = 0, valid = 0;
        for (var i = 0; i < ndwi.Length; i++)
        {
            if (!float.IsFinite(ndwi[i])) continue;
            valid++;
            if ((ndwi[i] > threshold ? 1 : 0) == mask[i]) agree++;
        }
        Assert.True(agree >= valid * 0.9999, $"{valid - agree} of {valid} pixels disagree");
    }

    [Fact]
    public async Task Output_is_a_tiled_cog_with_overviews_and_a_png_quicklook()
    {
        var output = await RunAsync();
        using var cog = RasterDataset.Open(output.DataFile);
        Assert.Equal((512, 512), cog.BlockSize());
        Assert.True(cog.OverviewCount() >= 1);
        Assert.Equal(255, cog.NoData());
        Assert.Equal(32633, output.Footprint.Epsg);
        using var png = RasterDataset.Open(output.QuicklookFile);
        Assert.Equal(4, png.BandCount);
        Assert.True(png.Width <= Quicklook.MaxSize);
    }

    [Fact]
    public async Task Missing_band_fails_with_a_message_naming_it()
    {
        var bands = new Dictionary<string, string> { ["green"] = sample.Scene.BandPaths["green"] };
        var error = await Assert.ThrowsAsync<ProcessingException>(() => new WaterBodiesProcessor().RunAsync(
            new ProductInput(bands, sample.NewOutputDirectory(), "x"), CancellationToken.None));
        Assert.Contains("nir", error.Message);
    }

    [Fact]
    public async Task Unreadable_band_fails_with_a_message_naming_the_file()
    {
        var bands = new Dictionary<string, string>
        {
            ["green"] = sample.Scene.BandPaths["green"],
            ["nir"] = "/nonexistent/nir.tif",
        };
        var error = await Assert.ThrowsAsync<ProcessingException>(() => new WaterBodiesProcessor().RunAsync(
            new ProductInput(bands, sample.NewOutputDirectory(), "x"), CancellationToken.None));
        Assert.Contains("/nonexistent/nir.tif", error.Message);
    }

    internal static double BruteForceOtsu(long[] histogram, double min, double max)
    {
        // Directly from the definition: for every split, between-class variance w0·w1·(μ0 − μ1)².
        var width = (max - min) / histogram.Length;
        double Center(int i) => min + width * (i + 0.5);
        var best = double.NegativeInfinity;
        var bestSplit = 0;
        for (var split = 0; split < histogram.Length - 1; split++)
        {
            double w0 = 0, s0 = 0, w1 = 0, s1 = 0;
            for (var i = 0; i <= split; i++) { w0 += histogram[i]; s0 += histogram[i] * Center(i); }
            for (var i = split + 1; i < histogram.Length; i++) { w1 += histogram[i]; s1 += histogram[i] * Center(i); }
            if (w0 == 0 || w1 == 0) continue;
            var variance = w0 * w1 * Math.Pow(s0 / w0 - s1 / w1, 2);
            if (variance > best) { best = variance; bestSplit = split; }
        }
        return Center(bestSplit);
    }

    private float[] FloatNdwi()
    {
        var green = ReadAll<ushort>(sample.Scene.BandPaths["green"]);
        var nir = ReadAll<ushort>(sample.Scene.BandPaths["nir"]);
        var ndwi = new float[green.Length];
        NormalizedDifference.Compute(green, nir, ndwi, 0);
        return ndwi;
    }

    internal static T[] ReadAll<T>(string path) where T : unmanaged
    {
        using var dataset = RasterDataset.Open(path);
        var values = new T[dataset.Width * dataset.Height];
        dataset.Read<T>(1, 0, 0, dataset.Width, dataset.Height, values);
        return values;
    }
}
