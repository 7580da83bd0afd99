using Actors.OpenEo.Execution;
using Actors.Raster;

namespace Actors.OpenEo.Tests.Execution;

/// <summary>filter_bbox, filter_temporal, merge_cubes with an overlap resolver, mask with a replacement, resample_spatial near.</summary>
public sealed class CubeProcessTests(SceneCollection scenes) : IClassFixture<SceneCollection>, IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "openeo-engine-cube-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    private Task<ExecutionResult> Run(string graph) =>
        new ProcessGraphExecutor().ExecuteAsync(new ExecutionRequest(Graphs.Process(graph), scenes.Reader(), null, _output), CancellationToken.None);

    private static float Red(ushort stored) => stored == 0 ? float.NaN : (float)(stored * 1e-4);

    [Fact]
    public async Task Filters_then_merge_with_an_overlap_resolver_and_a_mask_replacement()
    {
        // Dates 2 and 3 (filter_temporal), a box (filter_bbox); red merged with itself times 2 through a resolver that adds:
        // 3 × red; where red > 0.05 the mask puts -1 instead.
        var t = scenes.GeoTransform;
        var result = await Run(Graphs.Fill("""
            {
              "load": @0@,
              "time": {"process_id": "filter_temporal", "arguments": {"data": {"from_node": "load"}, "extent": ["2025-06-06", "2025-06-12"]}},
              "box": {"process_id": "filter_bbox", "arguments": {"data": {"from_node": "time"}, "extent": @1@}},
              "double": {"process_id": "apply", "arguments": {"data": {"from_node": "box"}, "context": 2, "process": {"process_graph": {
                "m": {"process_id": "multiply", "arguments": {"x": {"from_parameter": "x"}, "y": {"from_parameter": "context"}}, "result": true}}}}},
              "merged": {"process_id": "merge_cubes", "arguments": {"cube1": {"from_node": "box"}, "cube2": {"from_node": "double"}, "overlap_resolver": {"process_graph": {
                "a": {"process_id": "add", "arguments": {"x": {"from_parameter": "x"}, "y": {"from_parameter": "y"}}, "result": true}}}}},
              "bright": {"process_id": "apply", "arguments": {"data": {"from_node": "box"}, "process": {"process_graph": {
                "g": {"process_id": "gt", "arguments": {"x": {"from_parameter": "x"}, "y": 0.05}, "result": true}}}}},
              "masked": {"process_id": "mask", "arguments": {"data": {"from_node": "merged"}, "mask": {"from_node": "bright"}, "replacement": -1}},
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "masked"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(bands: "[\"red\"]"), Graphs.UtmBox(t, 10, 20, 110, 70)));

        Assert.Equal(2, result.Files.Count);
        Assert.Equal(SceneCollection.FirstDay.AddDays(5), result.Extent.Start);
        Assert.Equal(SceneCollection.FirstDay.AddDays(10), result.Extent.End);
        for (var k = 0; k < 2; k++)
        {
            var values = SceneCollection.ReadResult(result.Files[k].Path);
            Assert.Equal(100 * 50, values.Length);
            var red = SceneCollection.ReadAll(scenes.Scenes[k + 1].BandPaths["red"], out var width, out _);
            for (var y = 0; y < 50; y++)
                for (var x = 0; x < 100; x++)
                {
                    var r = Red(red[(20 + y) * width + 10 + x]);
                    var expected = r > 0.05f ? -1 : r + r * 2;
                    var actual = values[y * 100 + x];
                    Assert.True(float.IsNaN(expected) ? float.IsNaN(actual) : Math.Abs(expected - actual) < 1e-6, $"date {k}, ({x}, {y}): expected {expected}, got {actual}");
                }
        }
    }

    [Fact]
    public async Task Merging_overlapping_cubes_without_a_resolver_is_an_openeo_error()
    {
        var error = await Assert.ThrowsAsync<OpenEoException>(() => Run(Graphs.Fill("""
            {
              "load": @0@,
              "merged": {"process_id": "merge_cubes", "arguments": {"cube1": {"from_node": "load"}, "cube2": {"from_node": "load"}}},
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "merged"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(bands: "[\"red\"]"))));
        Assert.Equal("OverlapResolverMissing", error.Code);
    }

    [Fact]
    public async Task Resample_spatial_near_takes_the_pixel_under_each_new_centre()
    {
        var result = await Run(Graphs.Fill("""
            {
              "load": @0@,
              "coarse": {"process_id": "resample_spatial", "arguments": {"data": {"from_node": "load"}, "resolution": 30}},
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "coarse"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(temporalExtent: "[\"2025-06-01\", \"2025-06-02\"]", bands: "[\"red\"]")));

        var size = (int)Math.Ceiling(SceneCollection.Size / 3.0);
        using (var cog = RasterDataset.Open(result.Files[0].Path))
        {
            Assert.Equal((size, size), (cog.Width, cog.Height));
            Assert.Equal(30, cog.GeoTransform[1]);
            Assert.Equal(-30, cog.GeoTransform[5]);
        }
        var values = SceneCollection.ReadResult(result.Files[0].Path);
        var red = SceneCollection.ReadAll(scenes.Scenes[0].BandPaths["red"], out var width, out _);
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var (sx, sy) = (3 * x + 1, 3 * y + 1);
                var expected = sx < width && sy < width ? Red(red[sy * width + sx]) : float.NaN;
                var actual = values[y * size + x];
                Assert.True(float.IsNaN(expected) ? float.IsNaN(actual) : Math.Abs(expected - actual) < 1e-7, $"({x}, {y}): expected {expected}, got {actual}");
            }
    }

    [Fact]
    public async Task Resample_spatial_to_another_projection_is_feature_unsupported()
    {
        var error = await Assert.ThrowsAsync<OpenEoException>(() => Run(Graphs.Fill("""
            {
              "load": @0@,
              "r": {"process_id": "resample_spatial", "arguments": {"data": {"from_node": "load"}, "resolution": 0.001, "projection": 4326}},
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "r"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(bands: "[\"red\"]"))));
        Assert.Equal("FeatureUnsupported", error.Code);
    }
}
