using System.Collections.Concurrent;
using System.Diagnostics;
using Actors.OpenEo.Execution;
using Actors.Raster;

namespace Actors.OpenEo.Tests.Execution;

/// <summary>The executor on real GeoTIFF scenes, against references computed here from the input pixels.</summary>
public sealed class ExecutorTests(SceneCollection scenes) : IClassFixture<SceneCollection>, IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "openeo-engine-out-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<ExecutionLog> _logs = new();
    private readonly ProcessGraphExecutor _executor = new();
    private const string FirstDayOnly = "[\"2025-06-01\", \"2025-06-02\"]";

    public void Dispose()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    private Task<ExecutionResult> Run(string processGraph, ICollectionReader? reader = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new ExecutionRequest(Graphs.Process(processGraph), reader ?? scenes.Reader(), null, _output, progress, _logs.Enqueue), cancellationToken);

    // NDVI from the stored integers in double precision: (nir − red) / (nir + red), NaN where either is nodata (0).
    private static double ReferenceNdvi(ushort nir, ushort red) =>
        nir == 0 || red == 0 ? double.NaN : (nir * 1e-4 - red * 1e-4) / (nir * 1e-4 + red * 1e-4);

    private static void AssertClose(double expected, float actual, int pixel)
    {
        if (double.IsNaN(expected))
            Assert.True(float.IsNaN(actual), $"pixel {pixel}: expected no-data, got {actual}");
        else
            Assert.True(Math.Abs(expected - actual) <= 1e-6 + 1e-6 * Math.Abs(expected), $"pixel {pixel}: expected {expected}, got {actual}");
    }

    [Fact]
    public async Task Ndvi_by_band_math_over_a_box_equals_the_reference_from_the_input_pixels()
    {
        var (c0, r0, c1, r1) = (32, 16, 224, 240);
        var result = await Run(Graphs.Fill("""
            {
              "load": @0@,
              "reduce": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "load"}, "dimension": "bands", "reducer": @1@}},
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "reduce"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(Graphs.UtmBox(scenes.GeoTransform, c0, r0, c1, r1), FirstDayOnly), Graphs.NdviReducer));

        var file = Assert.Single(result.Files);
        Assert.Equal("GTiff", file.Format);
        Assert.Empty(file.Bands);
        var (width, height) = (c1 - c0, r1 - r0);
        using (var cog = RasterDataset.Open(file.Path))
        {
            Assert.True(cog.IsCloudOptimized);
            Assert.Equal((width, height), (cog.Width, cog.Height));
            Assert.Equal(PixelType.Float32, cog.DataType());
            using var crs = cog.SpatialReference();
            Assert.Equal(SceneCollection.Epsg, crs.Epsg);
            var t = scenes.GeoTransform;
            Assert.Equal(new[] { t[0] + c0 * t[1], t[1], 0, t[3] + r0 * t[5], 0, t[5] }, cog.GeoTransform);
            Assert.True(double.IsNaN(cog.NoData() ?? 0), "nodata is NaN");
        }
        var nir = SceneCollection.ReadAll(scenes.Scenes[0].BandPaths["nir"], out var sceneWidth, out _);
        var red = SceneCollection.ReadAll(scenes.Scenes[0].BandPaths["red"], out _, out _);
        var ndvi = SceneCollection.ReadResult(file.Path);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var source = (r0 + y) * sceneWidth + c0 + x;
                AssertClose(ReferenceNdvi(nir[source], red[source]), ndvi[y * width + x], y * width + x);
            }
        Assert.Equal(SceneCollection.Epsg, result.Extent.Epsg);
        Assert.Equal((width, height), (result.Extent.Width, result.Extent.Height));
        Assert.Equal(SceneCollection.FirstDay, result.Extent.Start);
        Assert.Equal((long)width * height * 2, result.Usage.PixelsRead);
        Assert.Equal(new FileInfo(file.Path).Length, result.Usage.BytesWritten);
        Assert.Contains(_logs, l => l.Level == "info" && l.Message.Contains("1 item(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Max_ndvi_over_time_equals_the_reference_over_all_scenes()
    {
        var progress = new List<double>();
        var result = await Run(Graphs.Fill("""
            {
              "load": @0@,
              "ndvi": {"process_id": "ndvi", "arguments": {"data": {"from_node": "load"}}},
              "max": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "ndvi"}, "dimension": "t", "reducer": @1@}},
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "max"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(), Graphs.Reducer("max")), progress: new SynchronousProgress(progress));

        var file = Assert.Single(result.Files);
        var actual = SceneCollection.ReadResult(file.Path);
        var bands = scenes.Scenes.Select(s => (Nir: SceneCollection.ReadAll(s.BandPaths["nir"], out _, out _), Red: SceneCollection.ReadAll(s.BandPaths["red"], out _, out _))).ToList();
        for (var i = 0; i < actual.Length; i++)
        {
            var valid = bands.Select(b => ReferenceNdvi(b.Nir[i], b.Red[i])).Where(v => !double.IsNaN(v)).ToList();
            AssertClose(valid.Count == 0 ? double.NaN : valid.Max(), actual[i], i);
        }
        Assert.Null(result.Extent.Start);
        Assert.Equal(5L * 2 * SceneCollection.Size * SceneCollection.Size, result.Usage.PixelsRead);
        Assert.Equal(1.0, progress[^1]);
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.First <= p.Second), "progress never goes back");
        Assert.Contains(_logs, l => l.Message.Contains("5 item(s) in 5 time step(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Time_series_saves_one_file_per_date_with_one_band_per_label()
    {
        var result = await Run(Graphs.Fill("""
            {
              "load": @0@,
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "load"}, "format": "gtiff"}, "result": true}
            }
            """, Graphs.Load(temporalExtent: "[\"2025-06-05\", null]")));

        Assert.Equal(4, result.Files.Count);
        Assert.All(result.Files, f => Assert.Equal(["red", "nir"], f.Bands));
        Assert.Equal(SceneCollection.FirstDay.AddDays(5), result.Extent.Start);
        Assert.Equal(SceneCollection.FirstDay.AddDays(20), result.Extent.End);
        var red = SceneCollection.ReadAll(scenes.Scenes[1].BandPaths["red"], out _, out _);
        var nir = SceneCollection.ReadAll(scenes.Scenes[1].BandPaths["nir"], out _, out _);
        using (var cog = RasterDataset.Open(result.Files[0].Path))
        {
            Assert.Equal(2, cog.BandCount);
            Assert.True(cog.IsCloudOptimized);
        }
        var savedRed = SceneCollection.ReadResult(result.Files[0].Path, 1);
        var savedNir = SceneCollection.ReadResult(result.Files[0].Path, 2);
        for (var i = 0; i < red.Length; i++)
        {
            AssertClose(red[i] == 0 ? double.NaN : red[i] * 1e-4, savedRed[i], i);
            AssertClose(nir[i] == 0 ? double.NaN : nir[i] * 1e-4, savedNir[i], i);
        }
    }

    [Fact]
    public async Task Property_filter_keeps_only_the_matching_items()
    {
        var result = await Run(Graphs.Fill("""
            {
              "load": @0@,
              "count": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "load"}, "dimension": "t", "reducer": @1@}},
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "count"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(bands: "[\"red\"]", properties: Graphs.CloudCoverAtMost20), Graphs.Reducer("count", ", \"condition\": true")));

        var counts = SceneCollection.ReadResult(Assert.Single(result.Files).Path);
        Assert.All(counts, c => Assert.Equal(3f, c));
        Assert.Contains(_logs, l => l.Message.Contains("3 item(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Property_filters_compare_strings_and_refuse_what_they_cannot_run()
    {
        const string platform = """
            {"platform": {"process_graph": {"c": {"process_id": "eq", "arguments": {"x": {"from_parameter": "value"}, "y": "sentinel-2a"}, "result": true}}}}
            """;
        var result = await Run(Graphs.Fill("""
            {
              "load": @0@,
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "load"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(bands: "[\"red\"]", properties: platform)));
        Assert.Equal([SceneCollection.FirstDay, SceneCollection.FirstDay.AddDays(10), SceneCollection.FirstDay.AddDays(20)],
            result.Files.Select(f => DateTimeOffset.ParseExact(Path.GetFileNameWithoutExtension(f.Path)[7..], "yyyyMMdd'T'HHmmss'Z'",
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal)).ToList());

        const string compound = """
            {"eo:cloud_cover": {"process_graph": {
              "a": {"process_id": "gt", "arguments": {"x": {"from_parameter": "value"}, "y": 0}},
              "b": {"process_id": "lt", "arguments": {"x": {"from_parameter": "value"}, "y": 30}},
              "c": {"process_id": "and", "arguments": {"x": {"from_node": "a"}, "y": {"from_node": "b"}}, "result": true}}}}
            """;
        var error = await Assert.ThrowsAsync<OpenEoException>(() => Run(Graphs.Fill("""
            {
              "load": @0@,
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "load"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(bands: "[\"red\"]", properties: compound))));
        Assert.Equal("ProcessParameterUnsupported", error.Code);
    }

    [Fact]
    public async Task Apply_mask_merge_and_mean_compose_as_their_definitions_say()
    {
        // Red scaled to 0..100 where NDVI > 0.3, masked (no-data) elsewhere, merged with nir as a new band; then the mean over time.
        var result = await Run(Graphs.Fill("""
            {
              "load": @0@,
              "red": {"process_id": "filter_bands", "arguments": {"data": {"from_node": "load"}, "bands": ["red"]}},
              "nir": {"process_id": "filter_bands", "arguments": {"data": {"from_node": "load"}, "bands": ["nir"]}},
              "ndvi": {"process_id": "ndvi", "arguments": {"data": {"from_node": "load"}}},
              "low": {"process_id": "apply", "arguments": {"data": {"from_node": "ndvi"}, "process": {"process_graph": {
                "c": {"process_id": "lte", "arguments": {"x": {"from_parameter": "x"}, "y": 0.3}, "result": true}}}}},
              "scaled": {"process_id": "apply", "arguments": {"data": {"from_node": "red"}, "process": {"process_graph": {
                "s": {"process_id": "linear_scale_range", "arguments": {"x": {"from_parameter": "x"}, "inputMin": 0, "inputMax": 0.2, "outputMax": 100}, "result": true}}}}},
              "masked": {"process_id": "mask", "arguments": {"data": {"from_node": "scaled"}, "mask": {"from_node": "low"}}},
              "merged": {"process_id": "merge_cubes", "arguments": {"cube1": {"from_node": "masked"}, "cube2": {"from_node": "nir"}}},
              "mean": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "merged"}, "dimension": "t", "reducer": @1@}},
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "mean"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(temporalExtent: "[\"2025-06-01\", \"2025-06-12\"]"), Graphs.Reducer("mean")));

        var file = Assert.Single(result.Files);
        Assert.Equal(["red", "nir"], file.Bands);
        var scaledRed = SceneCollection.ReadResult(file.Path, 1);
        var meanNir = SceneCollection.ReadResult(file.Path, 2);
        var inputs = scenes.Scenes.Take(3).Select(s => (Nir: SceneCollection.ReadAll(s.BandPaths["nir"], out _, out _), Red: SceneCollection.ReadAll(s.BandPaths["red"], out _, out _))).ToList();
        for (var i = 0; i < scaledRed.Length; i++)
        {
            // NDVI within float32 rounding of the threshold may fall on either side of it.
            if (inputs.Any(s => Math.Abs(ReferenceNdvi(s.Nir[i], s.Red[i]) - 0.3) < 1e-6)) continue;
            var reds = inputs.Where(s => ReferenceNdvi(s.Nir[i], s.Red[i]) > 0.3).Select(s => Math.Clamp(s.Red[i] * 1e-4, 0, 0.2) / 0.2 * 100).ToList();
            AssertClose(reds.Count == 0 ? double.NaN : reds.Average(), scaledRed[i], i);
            var nirs = inputs.Where(s => s.Nir[i] != 0).Select(s => s.Nir[i] * 1e-4).ToList();
            Assert.True(Math.Abs((nirs.Count == 0 ? double.NaN : nirs.Average()) - meanNir[i]) <= 1e-5 || (nirs.Count == 0 && float.IsNaN(meanNir[i])), $"pixel {i}");
        }
    }

    [Fact]
    public async Task Resample_spatial_average_halves_the_grid_and_averages_the_valid_pixels()
    {
        var result = await Run(Graphs.Fill("""
            {
              "load": @0@,
              "coarse": {"process_id": "resample_spatial", "arguments": {"data": {"from_node": "load"}, "resolution": 20, "method": "average"}},
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "coarse"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(temporalExtent: FirstDayOnly, bands: "[\"red\"]")));

        var file = Assert.Single(result.Files);
        const int half = SceneCollection.Size / 2;
        using (var cog = RasterDataset.Open(file.Path))
        {
            Assert.Equal((half, half), (cog.Width, cog.Height));
            Assert.Equal(20, cog.GeoTransform[1]);
            Assert.Equal(scenes.GeoTransform[0], cog.GeoTransform[0]);
        }
        var red = SceneCollection.ReadAll(scenes.Scenes[0].BandPaths["red"], out var width, out _);
        var coarse = SceneCollection.ReadResult(file.Path);
        for (var y = 0; y < half; y++)
            for (var x = 0; x < half; x++)
            {
                var values = new[] { red[2 * y * width + 2 * x], red[2 * y * width + 2 * x + 1], red[(2 * y + 1) * width + 2 * x], red[(2 * y + 1) * width + 2 * x + 1] }
                    .Where(v => v != 0).Select(v => v * 1e-4).ToList();
                AssertClose(values.Count == 0 ? double.NaN : values.Average(), coarse[y * half + x], y * half + x);
            }
    }

    [Fact]
    public async Task Png_result_is_an_8_bit_image_of_the_cube()
    {
        var result = await Run(Graphs.Fill("""
            {
              "load": @0@,
              "ndvi": {"process_id": "ndvi", "arguments": {"data": {"from_node": "load"}}},
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "ndvi"}, "format": "PNG"}, "result": true}
            }
            """, Graphs.Load(temporalExtent: FirstDayOnly)));

        var file = Assert.Single(result.Files);
        Assert.Equal("image/png", file.MediaType);
        Assert.Equal([file.Path], Directory.EnumerateFiles(_output));
        using var png = RasterDataset.Open(file.Path);
        Assert.Equal((SceneCollection.Size, SceneCollection.Size), (png.Width, png.Height));
        Assert.Equal(PixelType.Byte, png.DataType());
        var grey = new byte[png.Width * png.Height];
        png.Read<byte>(1, 0, 0, png.Width, png.Height, grey);
        Assert.True(grey.Distinct().Count() > 50, "the image shows the NDVI's variation");
    }

    [Fact]
    public async Task Unknown_collection_and_unsupported_processes_fail_with_openeo_errors()
    {
        var missing = await Assert.ThrowsAsync<OpenEoException>(() => Run("""
            {"load": {"process_id": "load_collection", "arguments": {"id": "nope", "spatial_extent": null, "temporal_extent": null}, "result": true}}
            """));
        Assert.Equal("CollectionNotFound", missing.Code);
        var unsupported = await Assert.ThrowsAsync<OpenEoException>(() => Run(Graphs.Fill("""
            {
              "load": @0@,
              "r": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "load"}, "dimension": "t", "reducer": @1@}, "result": true}
            }
            """, Graphs.Load(), Graphs.Reducer("quantiles"))));
        Assert.Equal("ProcessUnsupported", unsupported.Code);
        var dimension = await Assert.ThrowsAsync<OpenEoException>(() => Run(Graphs.Fill("""
            {
              "load": @0@,
              "r": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "load"}, "dimension": "z", "reducer": @1@}, "result": true}
            }
            """, Graphs.Load(), Graphs.Reducer("max"))));
        Assert.Equal("DimensionNotAvailable", dimension.Code);
        Assert.False(Directory.Exists(_output) && Directory.EnumerateFiles(_output).Any());
    }

    private sealed class SynchronousProgress(List<double> values) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (values) values.Add(value);
        }
    }
}
