using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Abstractions.Api;
using Actors.Client;
using Actors.EndToEnd.Tests.Infrastructure;
using Actors.EndToEnd.Tests.OpenEo.Discovery;
using Actors.Raster;

namespace Actors.EndToEnd.Tests.OpenEo;

/// <summary>
/// The acceptance test of the openEO API: <c>tests/openeo-client/acceptance.mjs</c> drives a silo with the real
/// <c>@openeo/js-client</c> (users A and B, five scenes of one area at five dates with their NDVI products), validating
/// every response against <c>openapi.yaml</c> and every graph against the process definitions; then the results it
/// computed (synchronously and as a batch job) are compared here with the NDVI products, with what
/// <c>eoctl process ndvi</c> writes for the same items and area, and with a reference computed from the staged red and
/// nir pixels.
/// </summary>
public sealed class OpenEoClientTests : IAsyncLifetime
{
    private const int SceneSize = 512;
    private static readonly int[] Seeds = [31, 32, 33, 34, 35];
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(10);
    private static readonly string ClientDirectory = Path.Combine(BuiltArtifacts.RepositoryRoot, "tests", "openeo-client");

    private readonly TempDirectory _root = new("openeo-client");
    private readonly List<(string SceneId, DateTimeOffset Datetime)> _scenes = [];
    private readonly List<string> _items = [];
    private SiloProcess _silo = null!;
    private double[] _aoi = [];

    private string DataDirectory => Path.Combine(_root.Path, "data");

    public async Task InitializeAsync()
    {
        _silo = new SiloProcess(DataDirectory, OpenEoDiscoveryFixture.TwoUsers());
        var library = new SampleLibrary(Path.Combine(DataDirectory, "samples"));
        var samples = await Task.WhenAll(Seeds.Select(seed => library.GenerateAsync(SceneSize, seed)));
        await _silo.StartAsync();

        // One area: the middle of the samples' common footprint, so staging crops; five dates, five days apart.
        var bbox = JsonNode.Parse(await File.ReadAllTextAsync(samples[0].ItemPath))!["bbox"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var (w, s, e, n) = (bbox[0], bbox[1], bbox[2], bbox[3]);
        _aoi = [w + (e - w) * 0.1, s + (n - s) * 0.1, e - (e - w) * 0.15, n - (n - s) * 0.15];
        using var client = new SiloClient(_silo.BaseAddress, OpenEoDiscoveryFixture.KeyA);
        var published = new List<string>();
        for (var i = 0; i < samples.Length; i++)
        {
            var datetime = new DateTimeOffset(2025, 6, 1, 10, 16, 59, TimeSpan.Zero).AddDays(5 * i);
            var item = JsonNode.Parse(await File.ReadAllTextAsync(samples[i].ItemPath))!.AsObject();
            item["properties"]!["datetime"] = datetime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var path = Path.Combine(Path.GetDirectoryName(samples[i].ItemPath)!, "item-dated.json");
            await File.WriteAllTextAsync(path, item.ToJsonString());
            _items.Add(path);
            var accepted = await client.PublishAsync(new AcquisitionRequest { ItemHref = path, Aoi = _aoi, Products = ["ndvi"] });
            published.Add(accepted.SceneId);
            _scenes.Add((accepted.SceneId, datetime));
        }
        foreach (var sceneId in published)
        {
            var scene = await client.WaitForSceneAsync(sceneId, TimeSpan.FromMinutes(3));
            if (scene.HasFailures || scene.Products.Any(p => p.State != ProductStates.Completed))
                throw new InvalidOperationException($"Scene {sceneId} did not complete: {scene.State} {scene.Reason} {string.Join(", ", scene.Products.Select(p => $"{p.Product} {p.State} {p.Reason}"))}");
        }
    }

    [Fact]
    public async Task The_openeo_js_client_runs_ndvi_max_over_time_synchronously_and_as_jobs_and_the_results_equal_the_products_and_a_reference()
    {
        Assert.True(Directory.Exists(Path.Combine(ClientDirectory, "node_modules", "@openeo", "js-client")),
            $"Install the client first: (cd {ClientDirectory} && npm ci)");
        var output = Path.Combine(_root.Path, "client-output");
        Directory.CreateDirectory(output);
        var start = _scenes.Min(s => s.Datetime).AddHours(-1);
        var end = _scenes.Max(s => s.Datetime).AddHours(1);

        var (exitCode, log) = await RunNodeAsync(new Dictionary<string, string>
        {
            ["OPENEO_URL"] = _silo.BaseAddress.GetLeftPart(UriPartial.Authority),
            ["OPENEO_USER_A"] = OpenEoDiscoveryFixture.UserA,
            ["OPENEO_PASSWORD_A"] = OpenEoDiscoveryFixture.KeyA,
            ["OPENEO_USER_B"] = OpenEoDiscoveryFixture.UserB,
            ["OPENEO_PASSWORD_B"] = OpenEoDiscoveryFixture.KeyB,
            ["OPENEO_COLLECTION"] = "scenes",
            ["OPENEO_SPATIAL_EXTENT"] = new JsonObject { ["west"] = _aoi[0], ["south"] = _aoi[1], ["east"] = _aoi[2], ["north"] = _aoi[3] }.ToJsonString(),
            ["OPENEO_TEMPORAL_EXTENT"] = new JsonArray(Iso(start), Iso(end)).ToJsonString(),
            ["OPENEO_OUT"] = output,
        });
        // The results are compared even when a later step of the script failed, so one run reports both.
        var problems = new List<string>();
        if (exitCode != 0) problems.Add($"acceptance.mjs exited {exitCode}:\n{log}\n{_silo.Tail(40)}");
        var reference = NdviMaxReference();
        var products = NdviMaxOfProducts();
        var eoctl = await NdviMaxOfEoctlAsync();
        var results = new[]
        {
            ("synchronous result", Path.Combine(output, "sync", "ndvi-max.tif")),
            ("batch result", Directory.Exists(Path.Combine(output, "batch")) ? Directory.GetFiles(Path.Combine(output, "batch"), "*.tif").SingleOrDefault() : null),
        };
        foreach (var (what, file) in results)
        {
            if (file is null || !File.Exists(file))
            {
                problems.Add($"no {what} was written");
                continue;
            }
            try
            {
                using var result = RasterDataset.Open(file);
                Assert.Equal(1, result.BandCount);
                Compare($"{what} vs the reference from red and nir", result, reference, 1e-6);
                Compare($"{what} vs the maximum of the NDVI products", result, products, NdviQuantization);
                Compare($"{what} vs the maximum of eoctl process ndvi", result, eoctl, NdviQuantization);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                problems.Add(e.Message);
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    // The NDVI product stores NDVI × 10,000 as integers: within half a step, plus float32 rounding.
    private const double NdviQuantization = 0.5e-4 + 1e-6;

    /// <summary>A raster in memory: values (NaN for nodata) on a north-up grid.</summary>
    private sealed record Grid(double[] Values, int Width, int Height, double[] Transform, string Wkt);

    /// <summary>max over the scenes of (nir − red) / (nir + red) from the staged bands, nodata (0) where either is.</summary>
    private Grid NdviMaxReference()
    {
        Grid? max = null;
        foreach (var (sceneId, _) in _scenes)
        {
            var red = Read(StagedBand(sceneId, "red"));
            var nir = Read(StagedBand(sceneId, "nir"));
            Assert.Equal((red.Width, red.Height), (nir.Width, nir.Height));
            var ndvi = red.Values.Select((r, i) => double.IsNaN(r) || double.IsNaN(nir.Values[i]) ? double.NaN : (nir.Values[i] - r) / (nir.Values[i] + r)).ToArray();
            max = Max(max, red with { Values = ndvi });
        }
        return max!;
    }

    /// <summary>max over the scenes of the NDVI product (stored × scale).</summary>
    private Grid NdviMaxOfProducts()
    {
        Grid? max = null;
        foreach (var (sceneId, _) in _scenes)
            max = Max(max, Read(Assert.Single(ProductOutputs.DataFiles(DataDirectory, sceneId, "ndvi"))));
        return max!;
    }

    /// <summary>max over the scenes of what <c>eoctl process ndvi</c> writes for the same item and area (no silo).</summary>
    private async Task<Grid> NdviMaxOfEoctlAsync()
    {
        Grid? max = null;
        var aoi = string.Join(',', _aoi.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        for (var i = 0; i < _items.Count; i++)
        {
            var output = Path.Combine(_root.Path, "eoctl", i.ToString(CultureInfo.InvariantCulture));
            var run = await CliProcess.RunAsync(TimeSpan.FromMinutes(2), "process", "ndvi", "--item", _items[i], "--out", output, "--aoi", aoi);
            Assert.True(run.ExitCode == 0, run.ToString());
            max = Max(max, Read(Assert.Single(Directory.GetFiles(output, "*_ndvi.tif"))));
        }
        return max!;
    }

    // ignore_nodata: the maximum of the values there are; NaN only where every scene has nodata.
    private static Grid Max(Grid? sofar, Grid next)
    {
        if (sofar is null) return next;
        Assert.Equal((sofar.Width, sofar.Height), (next.Width, next.Height));
        Assert.Equal(sofar.Transform, next.Transform);
        var values = sofar.Values.Select((v, i) => double.IsNaN(v) ? next.Values[i] : double.IsNaN(next.Values[i]) ? v : Math.Max(v, next.Values[i])).ToArray();
        return sofar with { Values = values };
    }

    private string StagedBand(string sceneId, string band)
    {
        var path = Path.Combine(DataDirectory, "objects", "scenes", sceneId, band + ".tif");
        Assert.True(File.Exists(path), $"no staged {band} band at {path}");
        return path;
    }

    /// <summary>Band 1 as physical values (stored × scale + offset), nodata as NaN.</summary>
    private static Grid Read(string path)
    {
        using var raster = RasterDataset.Open(path);
        var buffer = new double[raster.Width * raster.Height];
        raster.Read<double>(1, 0, 0, raster.Width, raster.Height, buffer);
        var (noData, scale, offset) = (raster.NoData(), raster.Scale(), raster.Offset());
        for (var i = 0; i < buffer.Length; i++)
            buffer[i] = noData is { } nd && buffer[i] == nd ? double.NaN : buffer[i] * scale + offset;
        return new Grid(buffer, raster.Width, raster.Height, raster.GeoTransform, raster.ProjectionWkt);
    }

    /// <summary>
    /// Every pixel of <paramref name="result"/> against the pixel of <paramref name="expected"/> at the same place (same
    /// CRS and pixel size, whole-pixel offset): both nodata, or within <paramref name="tolerance"/>. The result must
    /// cover most of the expected grid, so a crop to a corner cannot pass.
    /// </summary>
    private static void Compare(string what, RasterDataset result, Grid expected, double tolerance)
    {
        var t = result.GeoTransform;
        var e = expected.Transform;
        using (var actualCrs = result.SpatialReference())
        using (var expectedCrs = Actors.Raster.SpatialReference.FromWkt(expected.Wkt))
            Assert.True(actualCrs.Epsg is not null && actualCrs.Epsg == expectedCrs.Epsg, $"{what}: EPSG {actualCrs.Epsg}, expected {expectedCrs.Epsg}");
        Assert.True(Math.Abs(t[1] - e[1]) < 1e-9 && Math.Abs(t[5] - e[5]) < 1e-9, $"{what}: pixel size {t[1]} x {t[5]}, expected {e[1]} x {e[5]}");
        var (dx, dy) = ((t[0] - e[0]) / e[1], (t[3] - e[3]) / e[5]);
        Assert.True(Math.Abs(dx - Math.Round(dx)) < 1e-6 && Math.Abs(dy - Math.Round(dy)) < 1e-6, $"{what}: the grids are not aligned ({dx}, {dy} pixels)");
        var (col0, row0) = ((int)Math.Round(dx), (int)Math.Round(dy));
        Assert.True(col0 >= 0 && row0 >= 0 && col0 + result.Width <= expected.Width && row0 + result.Height <= expected.Height,
            $"{what}: the result ({result.Width} x {result.Height} at {col0}, {row0}) reaches outside the staged grid ({expected.Width} x {expected.Height})");
        Assert.True(result.Width * (long)result.Height >= 0.9 * expected.Width * expected.Height,
            $"{what}: the result covers {result.Width} x {result.Height} of {expected.Width} x {expected.Height} pixels");

        var values = new float[result.Width * result.Height];
        result.Read<float>(1, 0, 0, result.Width, result.Height, values);
        var noData = result.NoData();
        var (compared, worst, mismatches) = (0, 0.0, new List<string>());
        for (var row = 0; row < result.Height; row++)
        {
            for (var col = 0; col < result.Width; col++)
            {
                double actual = values[row * result.Width + col];
                if (noData is { } nd && !double.IsNaN(nd) && actual == nd) actual = double.NaN;
                var wanted = expected.Values[(row + row0) * expected.Width + col + col0];
                if (double.IsNaN(actual) && double.IsNaN(wanted)) continue;
                compared++;
                var difference = Math.Abs(actual - wanted);
                if (double.IsNaN(difference) || difference > tolerance)
                {
                    if (mismatches.Count < 5) mismatches.Add($"({col}, {row}): {actual} vs {wanted}");
                    if (double.IsNaN(difference)) mismatches.Add("nodata differs");
                }
                else
                {
                    worst = Math.Max(worst, difference);
                }
            }
        }
        Assert.True(mismatches.Count == 0, $"{what}: pixels differ beyond {tolerance}: {string.Join("; ", mismatches)}");
        Assert.True(compared > 0.5 * values.Length, $"{what}: only {compared} of {values.Length} pixels hold data");
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = ClientDirectory };
        start.ArgumentList.Add(Path.Combine(ClientDirectory, "acceptance.mjs"));
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(NodeTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _root.Dispose();
    }
}
