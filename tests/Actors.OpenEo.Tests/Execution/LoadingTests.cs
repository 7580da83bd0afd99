using Actors.OpenEo.Execution;
using Actors.Raster;

namespace Actors.OpenEo.Tests.Execution;

/// <summary>How load_collection puts items on one grid: boxes in WGS 84, items of one date, items on other grids.</summary>
public sealed class LoadingTests(SceneCollection scenes) : IClassFixture<SceneCollection>, IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "openeo-engine-load-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private async Task<(ExecutionResult Result, float[] Values)> RunRed(IReadOnlyList<SourceItem> items, string spatialExtent = "null")
    {
        var graph = Graphs.Fill("""
            {
              "load": @0@,
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "load"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(spatialExtent, bands: "[\"red\"]"));
        var result = await new ProcessGraphExecutor().ExecuteAsync(
            new ExecutionRequest(Graphs.Process(graph), scenes.Reader(items), null, Path.Combine(_work, "out")), CancellationToken.None);
        return (result, SceneCollection.ReadResult(result.Files[0].Path));
    }

    // A copy of a scene's red band with its grid moved: cropped to a window, its origin shifted by a fraction of a pixel.
    private string Moved(string source, int x, int y, int width, int height, double shiftX, double shiftY)
    {
        Directory.CreateDirectory(_work);
        var path = Path.Combine(_work, $"moved-{Guid.NewGuid():N}.tif");
        using var dataset = RasterDataset.Open(source);
        var t = dataset.GeoTransform;
        var (west, north) = (t[0] + x * t[1] + shiftX, t[3] + y * t[5] + shiftY);
        dataset.Translate(path, ["-srcwin", $"{x}", $"{y}", $"{width}", $"{height}",
            "-a_ullr", $"{west}", $"{north}", $"{west + width * t[1]}", $"{north + height * t[5]}"]);
        return path;
    }

    [Fact]
    public async Task Items_on_other_grids_of_the_crs_are_sampled_onto_the_first_items_lattice_by_nearest_neighbour()
    {
        var t = scenes.GeoTransform;
        // Second date: scene 2's red moved 3.5 px east and 2.25 px south, cropped to 100 × 80 from (40, 60).
        var moved = Moved(scenes.Scenes[1].BandPaths["red"], 40, 60, 100, 80, 35, -22.5);
        var first = scenes.Items()[0];
        var second = first with { Id = "moved", Datetime = first.Datetime.AddDays(1), Bands = [new SourceBand("red", moved, 0.0001)] };
        var box = Graphs.UtmBox(t, 20, 20, 200, 180);

        var (result, _) = await RunRed([first with { Bands = [first.Bands[1]] }, second], box);

        Assert.Equal(2, result.Files.Count);
        Assert.Equal((180, 160), (result.Extent.Width, result.Extent.Height));
        var values = SceneCollection.ReadResult(result.Files[1].Path);
        var red = SceneCollection.ReadAll(scenes.Scenes[1].BandPaths["red"], out var width, out _);
        for (var row = 0; row < 160; row++)
            for (var column = 0; column < 180; column++)
            {
                // The target pixel's centre in the moved raster's pixel coordinates.
                var centreX = t[0] + (20 + column + 0.5) * t[1];
                var centreY = t[3] + (20 + row + 0.5) * t[5];
                var sx = (int)Math.Floor((centreX - (t[0] + 40 * t[1] + 35)) / t[1]);
                var sy = (int)Math.Floor((centreY - (t[3] + 60 * t[5] - 22.5)) / t[5]);
                var inside = sx >= 0 && sx < 100 && sy >= 0 && sy < 80;
                var stored = inside ? red[(60 + sy) * width + 40 + sx] : (ushort)0;
                var expected = stored == 0 ? float.NaN : (float)(stored * 1e-4);
                var actual = values[row * 180 + column];
                Assert.True(float.IsNaN(expected) ? float.IsNaN(actual) : Math.Abs(expected - actual) < 1e-6, $"({column}, {row}): expected {expected}, got {actual}");
            }
    }

    [Fact]
    public async Task Items_of_one_timestamp_merge_into_one_time_step_first_valid_value_first()
    {
        var items = scenes.Items();
        // Scene 1 cropped to its west half, then scene 2 at the same time: the east half comes from scene 2.
        var half = Moved(items[0].Bands[1].GdalPath, 0, 0, SceneCollection.Size / 2, SceneCollection.Size, 0, 0);
        var west = items[0] with { Bands = [new SourceBand("red", half, 0.0001)] };
        var east = items[1] with { Datetime = items[0].Datetime, Bands = [items[1].Bands[1]] };

        var (result, values) = await RunRed([west, east]);

        Assert.Single(result.Files);
        Assert.Equal((SceneCollection.Size, SceneCollection.Size), (result.Extent.Width, result.Extent.Height));
        var red1 = SceneCollection.ReadAll(scenes.Scenes[0].BandPaths["red"], out var width, out _);
        var red2 = SceneCollection.ReadAll(scenes.Scenes[1].BandPaths["red"], out _, out _);
        for (var i = 0; i < values.Length; i++)
        {
            var fromWest = i % width < width / 2 ? red1[i] : (ushort)0;
            var stored = fromWest != 0 ? fromWest : red2[i];
            var expected = stored == 0 ? float.NaN : (float)(stored * 1e-4);
            Assert.True(float.IsNaN(expected) ? float.IsNaN(values[i]) : Math.Abs(expected - values[i]) < 1e-6, $"pixel {i}: expected {expected}, got {values[i]}");
        }
    }

    [Fact]
    public async Task A_wgs84_box_selects_the_pixels_it_touches()
    {
        var t = scenes.GeoTransform;
        using var utm = SpatialReference.FromEpsg(SceneCollection.Epsg);
        using var wgs84 = SpatialReference.Wgs84();
        // The WGS 84 envelope of a UTM window: the pixels it touches include the window.
        var (w, s, e, n) = utm.TransformBounds(wgs84, t[0] + 50 * t[1], t[3] + 150 * t[5], t[0] + 150 * t[1], t[3] + 50 * t[5]);
        var box = string.Create(System.Globalization.CultureInfo.InvariantCulture, $$"""{"west": {{w}}, "south": {{s}}, "east": {{e}}, "north": {{n}}}""");

        var (result, _) = await RunRed([scenes.Items()[0]], box);

        using var cog = RasterDataset.Open(result.Files[0].Path);
        var g = cog.GeoTransform;
        var (c0, r0) = ((g[0] - t[0]) / t[1], (g[3] - t[3]) / t[5]);
        Assert.Equal(Math.Round(c0), c0, 9);
        Assert.Equal(Math.Round(r0), r0, 9);
        Assert.InRange(c0, 40, 50);
        Assert.InRange(r0, 40, 50);
        Assert.InRange(c0 + cog.Width, 150, 160);
        Assert.InRange(r0 + cog.Height, 150, 160);
        Assert.True(result.Extent.Bbox[0] <= w + 1e-9 && result.Extent.Bbox[2] >= e - 1e-9 && result.Extent.Bbox[1] <= s + 1e-9 && result.Extent.Bbox[3] >= n - 1e-9);
    }

    [Fact]
    public async Task Float32_bands_are_read_through_gdal_with_their_nodata_and_scale()
    {
        Directory.CreateDirectory(_work);
        var path = Path.Combine(_work, "red-float.tif");
        using (var source = RasterDataset.Open(scenes.Scenes[2].BandPaths["red"]))
            source.Translate(path, ["-ot", "Float32", "-of", "COG", "-co", "BLOCKSIZE=128"]);
        var item = scenes.Items()[2] with { Bands = [new SourceBand("red", path, 0.0001)] };
        var t = scenes.GeoTransform;

        var (_, values) = await RunRed([item], Graphs.UtmBox(t, 7, 9, 250, 200));

        var red = SceneCollection.ReadAll(scenes.Scenes[2].BandPaths["red"], out var width, out _);
        Assert.Equal(243 * 191, values.Length);
        for (var y = 0; y < 191; y++)
            for (var x = 0; x < 243; x++)
            {
                var stored = red[(9 + y) * width + 7 + x];
                var actual = values[y * 243 + x];
                Assert.True(stored == 0 ? float.IsNaN(actual) : Math.Abs(stored * 1e-4 - actual) < 1e-7, $"({x}, {y}): stored {stored}, got {actual}");
            }
    }

    [Fact]
    public async Task A_cube_too_large_to_hold_is_refused_before_anything_is_read()
    {
        // Two items 5,000 km apart in one CRS: without a box their union is a grid of half a million pixels square.
        var far = Moved(scenes.Scenes[1].BandPaths["red"], 0, 0, 64, 64, 5_000_000, -5_000_000);
        var items = scenes.Items();
        var error = await Assert.ThrowsAsync<OpenEoException>(() => RunRed([items[0], items[1] with { Bands = [new SourceBand("red", far, 0.0001)] }]));
        Assert.Equal("ProcessGraphComplexity", error.Code);
        Assert.Contains("narrow the spatial or temporal extent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_box_beside_the_data_is_an_openeo_error()
    {
        var error = await Assert.ThrowsAsync<OpenEoException>(() => RunRed(scenes.Items(), """{"west": 100, "south": 10, "east": 101, "north": 11}"""));
        Assert.Equal("NoDataAvailable", error.Code);
    }
}
