using Actors.Processing.Products;
using Actors.Raster;

namespace Actors.Processing.Tests;

public sealed class NdviProcessorTests(SampleSceneFixture sample) : IClassFixture<SampleSceneFixture>
{
    [Fact]
    public async Task Stored_ndvi_times_its_scale_equals_the_formula_to_four_decimals_and_nodata_is_marked()
    {
        var output = await new NdviProcessor().RunAsync(
            new ProductInput(sample.Scene.BandPaths, sample.NewOutputDirectory(), "ndvi"), CancellationToken.None);
        var ndvi = WaterBodiesProcessorTests.ReadAll<short>(output.DataFile);
        var red = WaterBodiesProcessorTests.ReadAll<ushort>(sample.Scene.BandPaths["red"]);
        var nir = WaterBodiesProcessorTests.ReadAll<ushort>(sample.Scene.BandPaths["nir"]);

        var checkedPixels = 0;
        for (var i = 0; i < ndvi.Length; i += 997)
        {
            if (red[i] == 0) { Assert.Equal(NdviProcessor.NoData, ndvi[i]); continue; }
            var expected = ((float)nir[i] - red[i]) / ((float)nir[i] + red[i]);
            Assert.InRange(ndvi[i] * NdviProcessor.Scale - expected, -0.5e-4 - 1e-7, 0.5e-4 + 1e-7);
            checkedPixels++;
        }
        Assert.True(checkedPixels > 500);
        using var cog = RasterDataset.Open(output.DataFile);
        Assert.Equal(PixelType.Int16, cog.DataType());
        Assert.Equal(NdviProcessor.NoData, cog.NoData());
        Assert.Equal((NdviProcessor.Scale, 0.0), (cog.Scale(), cog.Offset()));
        Assert.True(cog.IsCloudOptimized);
        Assert.Equal(("int16", NdviProcessor.Scale, 0.0), (output.DataType, output.Scale, output.Offset));
        Assert.True(File.Exists(output.QuicklookFile));
    }

    [Fact]
    public async Task Missing_red_band_fails_with_a_message_naming_it()
    {
        var bands = sample.Scene.BandPaths.Where(kv => kv.Key != "red").ToDictionary();
        var error = await Assert.ThrowsAsync<ProcessingException>(() => new NdviProcessor().RunAsync(
            new ProductInput(bands, sample.NewOutputDirectory(), "ndvi"), CancellationToken.None));
        Assert.Contains("red", error.Message);
    }
}
