using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Bench.Cluster;
using Actors.Processing.Samples;
using Actors.Raster;

namespace Actors.Bench.OpenEo;

/// <summary>
/// <c>Actors.Bench openeo</c>: one embedded silo with <c>--scenes</c> staged scenes of <c>--size</c>² pixels over one
/// area at distinct dates. Times a synchronous NDVI (<c>POST /openeo/1.2/result</c>) over one whole scene and a batch
/// job of the maximum NDVI over all scenes (create, start, poll, download), each to its first result byte and to
/// the last, against <c>eoctl process ndvi</c> (a process of its own, no silo) on the same items. Checks the
/// openEO NDVI against eoctl's pixel by pixel. Figures only; prints them and, with <c>--out</c>, writes them to a file.
/// </summary>
public static class OpenEoCommand
{
    private static readonly DateTimeOffset FirstDate = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the benchmark with the options after <c>openeo</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var options = OpenEoOptions.Parse(args);
        var cancellationToken = CancellationToken.None;
        var root = BenchOptions.RepoRoot;
        var siloAssembly = Path.Combine(root, "src/Silo/bin/Release/net10.0/Actors.Silo.dll");
        var eoctl = Path.Combine(root, "src/Cli/bin/Release/net10.0/eoctl");
        foreach (var built in new[] { siloAssembly, eoctl })
            if (!File.Exists(built)) throw new FileNotFoundException($"{built} is missing; build the solution in Release first.");

        Directory.CreateDirectory(options.WorkDirectory);
        var library = new SceneLibrary(Path.Combine(options.WorkDirectory, "scenes"), options.Size);
        var scenes = await library.GetAllAsync(Enumerable.Range(1, options.Scenes), cancellationToken);
        var items = scenes.Select((scene, i) => DatedItem(scene, i)).ToList();
        var bbox = items[0].Bbox;

        var runDirectory = Path.Combine(options.WorkDirectory, "run-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        await using var silo = await SiloNode.StartAsync(siloAssembly, "openeo", runDirectory,
            new Dictionary<string, string> { ["Hrefs__LocalRoots__0"] = options.WorkDirectory }, cancellationToken);
        var staging = Stopwatch.StartNew();
        foreach (var item in items)
        {
            var accepted = await silo.Client.PublishAsync(new AcquisitionRequest
            {
                Item = System.Text.Json.JsonDocument.Parse(item.Json.ToJsonString()).RootElement,
                SourceHref = item.Path,
                Products = [ProductNames.Ndvi],
            }, cancellationToken);
            var done = await silo.Client.WaitForSceneAsync(accepted.SceneId, TimeSpan.FromMinutes(10), cancellationToken: cancellationToken);
            if (done.HasFailures) throw new InvalidOperationException($"Scene {accepted.SceneId} failed: {done.Reason ?? string.Join("; ", done.Products.Select(p => p.Reason))}");
        }
        Console.WriteLine($"{items.Count} scenes staged with their NDVI product in {staging.Elapsed.TotalSeconds:F1} s");

        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseAddress, "openeo/1.2/"), Timeout = TimeSpan.FromMinutes(30) };
        var outputs = Path.Combine(runDirectory, "outputs");
        Directory.CreateDirectory(outputs);

        var one = OpenEoGraphs.Ndvi(bbox, items[0].Datetime, items[0].Datetime.AddHours(1));
        var all = OpenEoGraphs.MaxNdvi(bbox, FirstDate, items[^1].Datetime.AddHours(1));
        // One untimed round each: the silo's first request pays for JIT and connection set-up.
        await SynchronousAsync(http, one, Path.Combine(outputs, "warm.tif"), cancellationToken);

        var sync = new List<Timing>();
        var batch = new List<Timing>();
        var eoctlOne = new List<double>();
        var eoctlAll = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            sync.Add(await SynchronousAsync(http, one, Path.Combine(outputs, $"sync-{run}.tif"), cancellationToken));
            eoctlOne.Add((await EoctlAsync(eoctl, items[0], Path.Combine(outputs, $"eoctl-{run}-0"), cancellationToken)).Seconds);
            batch.Add(await BatchAsync(http, all, Path.Combine(outputs, $"batch-{run}.tif"), cancellationToken));
            var total = 0.0;
            for (var i = 0; i < items.Count; i++)
                total += (await EoctlAsync(eoctl, items[i], Path.Combine(outputs, $"eoctl-{run}-{i}"), cancellationToken)).Seconds;
            eoctlAll.Add(total);
        }
        var difference = MaxDifference(Path.Combine(outputs, "sync-0.tif"), Directory.GetFiles(Path.Combine(outputs, "eoctl-0-0"), "*_ndvi.tif").Single());

        var report = Format(options, sync, batch, eoctlOne, eoctlAll, difference, items.Count);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.ReportPath is { } path)
        {
            await File.WriteAllTextAsync(path, report, cancellationToken);
            Console.WriteLine($"written to {path}");
        }
        return 0;
    }

    private static async Task<Timing> SynchronousAsync(HttpClient http, JsonObject process, string target, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "result") { Content = JsonContent.Create(new JsonObject { ["process"] = process.DeepClone() }) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureAsync(response, "POST /result", cancellationToken);
        return await DownloadAsync(response, target, clock, cancellationToken);
    }

    private static async Task<Timing> BatchAsync(HttpClient http, JsonObject process, string target, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var created = await http.PostAsJsonAsync("jobs", new JsonObject { ["title"] = "max NDVI", ["process"] = process.DeepClone() }, cancellationToken);
        await EnsureAsync(created, "POST /jobs", cancellationToken);
        var id = created.Headers.GetValues("OpenEO-Identifier").Single();
        using (var started = await http.PostAsync($"jobs/{id}/results", null, cancellationToken))
            await EnsureAsync(started, "POST /jobs/{id}/results", cancellationToken);
        while (true)
        {
            var job = JsonNode.Parse(await http.GetStringAsync($"jobs/{id}", cancellationToken))!;
            var status = job["status"]!.GetValue<string>();
            if (status == "finished") break;
            if (status is "error" or "canceled") throw new InvalidOperationException($"Batch job {id} ended {status}.");
            await Task.Delay(50, cancellationToken);
        }
        var results = JsonNode.Parse(await http.GetStringAsync($"jobs/{id}/results", cancellationToken))!;
        var href = results["assets"]!.AsObject().Select(a => a.Value!["href"]!.GetValue<string>()).First(h => h.Contains(".tif", StringComparison.Ordinal));
        using var response = await http.GetAsync(href, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureAsync(response, "GET result asset", cancellationToken);
        return await DownloadAsync(response, target, clock, cancellationToken);
    }

    private static async Task<Timing> DownloadAsync(HttpResponseMessage response, string target, Stopwatch clock, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = File.Create(target);
        var buffer = new byte[1 << 16];
        var read = await body.ReadAsync(buffer, cancellationToken);
        var firstByte = clock.Elapsed.TotalSeconds;
        while (read > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            read = await body.ReadAsync(buffer, cancellationToken);
        }
        return new Timing(firstByte, clock.Elapsed.TotalSeconds, file.Length);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    private static Task<MeasuredRun> EoctlAsync(string eoctl, DatedScene item, string output, CancellationToken cancellationToken) =>
        MeasuredRun.RunAsync("eoctl process ndvi", eoctl, ["process", ProductNames.Ndvi, "--item", item.Path, "--out", output], null, cancellationToken);

    /// <summary>The largest |openEO NDVI − eoctl NDVI| over pixels both define; eoctl stores NDVI × 10,000 as int16.</summary>
    private static double MaxDifference(string openEo, string eoctl)
    {
        using var ours = RasterDataset.Open(openEo);
        using var peer = RasterDataset.Open(eoctl);
        var (width, height) = (peer.Width, peer.Height);
        if (ours.Width != width || ours.Height != height)
            throw new InvalidOperationException($"openEO result is {ours.Width}x{ours.Height}, eoctl's {width}x{height}.");
        var a = new float[width];
        var b = new short[width];
        var max = 0.0;
        var peerNoData = peer.NoData() ?? short.MinValue;
        for (var y = 0; y < height; y++)
        {
            ours.Read<float>(1, 0, y, width, 1, a);
            peer.Read<short>(1, 0, y, width, 1, b);
            for (var x = 0; x < width; x++)
                if (!float.IsNaN(a[x]) && b[x] != peerNoData)
                    max = Math.Max(max, Math.Abs(a[x] - b[x] * 1e-4));
        }
        return max;
    }

    private static DatedScene DatedItem(SampleScene scene, int index)
    {
        var json = JsonNode.Parse(File.ReadAllText(scene.ItemPath))!.AsObject();
        var datetime = FirstDate.AddDays(index);
        json["id"] = string.Create(CultureInfo.InvariantCulture, $"OE_BENCH_{index}_{scene.ItemId}");
        json["properties"]!["datetime"] = datetime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var path = Path.Combine(Path.GetDirectoryName(scene.ItemPath)!, $"item-openeo-{index}.json");
        File.WriteAllText(path, json.ToJsonString());
        var bbox = json["bbox"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        return new DatedScene(path, datetime, bbox, json);
    }

    private static string Format(
        OpenEoOptions options, List<Timing> sync, List<Timing> batch, List<double> eoctlOne, List<double> eoctlAll, double difference, int scenes)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var (syncFirst, syncTotal, oneEoctl) = (Median(sync.Select(t => t.FirstByte)), Median(sync.Select(t => t.Total)), Median(eoctlOne));
        var (batchFirst, batchTotal, allEoctl) = (Median(batch.Select(t => t.FirstByte)), Median(batch.Select(t => t.Total)), Median(eoctlAll));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"openEO on one embedded silo, {options.Size} x {options.Size} AOI, medians of {options.Runs} runs, {Environment.ProcessorCount} cores");
        text.AppendLine();
        text.AppendLine("| run | first byte (s) | total (s) | result (MB) | eoctl process ndvi (s) | total / eoctl |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| synchronous NDVI, 1 scene (`POST /result`) | {syncFirst:F2} | {syncTotal:F2} | {sync[0].Bytes / 1e6:F1} | {oneEoctl:F2} | {syncTotal / oneEoctl:F2} |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| batch max NDVI over {scenes} scenes (create, start, poll, download) | {batchFirst:F2} | {batchTotal:F2} | {batch[0].Bytes / 1e6:F1} | {allEoctl:F2} ({scenes} runs) | {batchTotal / allEoctl:F2} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Largest |openEO NDVI − eoctl NDVI| over the scene: {difference:E2} (eoctl stores NDVI × 10,000 as int16).");
        return text.ToString();
    }

    private sealed record DatedScene(string Path, DateTimeOffset Datetime, double[] Bbox, JsonObject Json);

    private sealed record Timing(double FirstByte, double Total, long Bytes);
}
