using Actors.Processing.Products;
using Actors.Raster;

namespace Actors.Processing.Tests;

public sealed class NdviProcessorTests(SampleSceneFixture sample) : IClassFixture<SampleSceneFixture>
{
    [Fact]
    public async Task Ndvi_equals_the_formula_on_the_input_bands_and_nodata_is_marked()
    {
        var output = await new NdviProcessor().RunAsync(
            new ProductInput(sample.Scene.BandPaths, sample.NewOutputDirectory(), "ndvi"), CancellationToken.None);
        var ndvi = WaterBodiesProcessorTests.ReadAll<float>(output.DataFile);
        var red = WaterBodiesProcessorTests.ReadAll<ushort>(sample.Scene.BandPaths["red"]);
        var nir = WaterBodiesProcessorTests.ReadAll<ushort>(sample.Scene.BandPaths["nir"]);

        var checkedPixels = 0;
        for (var i = 0; i < ndvi.Length; i += 997)
        {
            if (red[i] == 0) { Assert.Equal(NdviProcessor.NoData, ndvi[i]); continue; }
            var expected = ((float)nir[i] - red[i]) / ((float)nir[i] + red[i]);
            Assert.Equal(expected, ndvi[i], 6);
            checkedPixels++;
        }
        Assert.True(checkedPixels > 500);
        using var cog = RasterDataset.Open(output.DataFile);
        Assert.Equal(PixelType.Float32, cog.DataType());
        Assert.Equal(NdviProcessor.NoData, cog.NoData());
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
