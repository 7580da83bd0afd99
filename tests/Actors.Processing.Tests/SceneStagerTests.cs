using Actors.Processing.Staging;
using Actors.Raster;

namespace Actors.Processing.Tests;

public sealed class SceneStagerTests(SampleSceneFixture sample) : IClassFixture<SampleSceneFixture>
{
    [Fact]
    public async Task Whole_scene_is_staged_as_cogs_on_the_same_grid()
    {
        var staged = await sample.Stager().StageAsync(
            new StagingRequest(sample.Scene.BandPaths, null, sample.NewOutputDirectory()), CancellationToken.None);
        Assert.Equal(["green", "nir", "red"], staged.BandFiles.Keys.Order());
        Assert.Equal(1024, staged.Footprint.Width);
        using var green = RasterDataset.Open(staged.BandFiles["green"]);
        Assert.Equal(WaterBodiesProcessorTests.ReadAll<ushort>(sample.Scene.BandPaths["green"]),
            WaterBodiesProcessorTests.ReadAll<ushort>(staged.BandFiles["green"]));
    }

    [Fact]
    public async Task Whole_scene_cog_is_copied_byte_for_byte_not_re_encoded()
    {
        var staged = await sample.Stager().StageAsync(
            new StagingRequest(sample.Scene.BandPaths, null, sample.NewOutputDirectory()), CancellationToken.None);
        Assert.Equal(File.ReadAllBytes(sample.Scene.BandPaths["nir"]), File.ReadAllBytes(staged.BandFiles["nir"]));
    }

    [Fact]
    public async Task Aoi_crops_to_the_window_that_covers_it()
    {
        var full = await sample.Stager().StageAsync(
            new StagingRequest(sample.Scene.BandPaths, null, sample.NewOutputDirectory()), CancellationToken.None);
        var b = full.Footprint.Wgs84Bounds;
        // The middle half of the scene in WGS84.
        double dx = (b[2] - b[0]) / 4, dy = (b[3] - b[1]) / 4;
        var aoi = new[] { b[0] + dx, b[1] + dy, b[2] - dx, b[3] - dy };

        var cropped = await sample.Stager().StageAsync(
            new StagingRequest(sample.Scene.BandPaths, aoi, sample.NewOutputDirectory()), CancellationToken.None);
        Assert.InRange(cropped.Footprint.Width, 480, 560);
        Assert.InRange(cropped.Footprint.Height, 480, 560);
        Assert.True(cropped.Footprint.Wgs84Bounds[0] <= aoi[0] && cropped.Footprint.Wgs84Bounds[2] >= aoi[2]);
        Assert.True(cropped.Footprint.Wgs84Bounds[1] <= aoi[1] && cropped.Footprint.Wgs84Bounds[3] >= aoi[3]);

        // The crop holds the source's pixels at the offset of its window.
        var t = full.Footprint.GeoTransform;
        var col = (int)Math.Round((cropped.Footprint.GeoTransform[0] - t[0]) / t[1]);
        var row = (int)Math.Round((cropped.Footprint.GeoTransform[3] - t[3]) / t[5]);
        var source = WaterBodiesProcessorTests.ReadAll<ushort>(sample.Scene.BandPaths["nir"]);
        var crop = WaterBodiesProcessorTests.ReadAll<ushort>(cropped.BandFiles["nir"]);
        var (width, height) = (cropped.Footprint.Width, cropped.Footprint.Height);
        for (var y = 0; y < height; y++)
            Assert.True(source.AsSpan((row + y) * 1024 + col, width).SequenceEqual(crop.AsSpan(y * width, width)), $"row {y} of the crop differs from the source");

        // A COG with the source's nodata, in the layout the products decode on every core.
        using var staged = Raster.RasterDataset.Open(cropped.BandFiles["nir"]);
        using var original = Raster.RasterDataset.Open(sample.Scene.BandPaths["nir"]);
        Assert.True(staged.IsCloudOptimized, "the staged band must be a COG");
        Assert.Equal(original.NoData(), staged.NoData());
        Assert.True(staged.OverviewCount() > 0, "the staged band must have overviews");
        Assert.Equal(1, new Raster.ParallelBandReader([cropped.BandFiles["nir"]]).DirectlyDecoded);
    }

    [Fact]
    public async Task Aoi_outside_the_scene_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<ProcessingException>(() => sample.Stager().StageAsync(
            new StagingRequest(sample.Scene.BandPaths, [100, 10, 101, 11], sample.NewOutputDirectory()), CancellationToken.None));
        Assert.Contains("does not intersect", error.Message);
    }

    [Fact]
    public async Task Unreadable_asset_is_a_clear_error_naming_band_and_file()
    {
        var missing = Path.Combine(sample.Directory, "missing", "B08.tif");
        var bands = new Dictionary<string, string> { ["green"] = sample.Scene.BandPaths["green"], ["nir"] = missing };
        var error = await Assert.ThrowsAsync<ProcessingException>(() => sample.Stager().StageAsync(
            new StagingRequest(bands, null, sample.NewOutputDirectory()), CancellationToken.None));
        Assert.Contains("nir", error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public async Task A_band_outside_the_local_roots_is_refused_before_gdal_opens_it()
    {
        var outside = Path.Combine(Path.GetTempPath(), "eo-not-a-root-" + Guid.NewGuid().ToString("N"), "B08.tif");
        var bands = new Dictionary<string, string> { ["green"] = sample.Scene.BandPaths["green"], ["nir"] = outside };
        var error = await Assert.ThrowsAsync<ProcessingException>(() => sample.Stager().StageAsync(
            new StagingRequest(bands, null, sample.NewOutputDirectory()), CancellationToken.None));
        Assert.Contains("band nir", error.Message);
        Assert.Contains("outside the allowed local roots", error.Message);
    }

    [Fact]
    public async Task A_vrt_pretending_to_be_a_band_is_not_opened()
    {
        // A VRT names further files GDAL would read (here a band outside any root): only image drivers may open assets.
        var vrt = Path.Combine(sample.Directory, "vrt-" + Guid.NewGuid().ToString("N") + ".tif");
        await File.WriteAllTextAsync(vrt,
            $"<VRTDataset rasterXSize=\"8\" rasterYSize=\"8\"><VRTRasterBand dataType=\"UInt16\" band=\"1\"><SimpleSource><SourceFilename relativeToVRT=\"0\">{sample.Scene.BandPaths["nir"]}</SourceFilename><SourceBand>1</SourceBand></SimpleSource></VRTRasterBand></VRTDataset>");
        var bands = new Dictionary<string, string> { ["nir"] = vrt };
        var error = await Assert.ThrowsAsync<ProcessingException>(() => sample.Stager().StageAsync(
            new StagingRequest(bands, null, sample.NewOutputDirectory()), CancellationToken.None));
        Assert.Contains("band nir", error.Message);
    }
}
