using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Processing.Products;
using Actors.Processing.Samples;

namespace Actors.Bench;

/// <summary>
/// Full-tile benchmark: decode floor, our water-bodies and NDVI, and the Python peer, each in a process of
/// its own under GNU time, on the same files; prints the ratios and writes them to docs/benchmarks.md.
/// </summary>
public static class BenchCommand
{
    private static readonly string Self = Environment.ProcessPath!;
    private static readonly string SelfDll = typeof(BenchCommand).Assembly.Location;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "child") return await ChildAsync(args[1..]);
        var options = BenchOptions.Parse(args);
        var report = await MeasureAsync(options, CancellationToken.None);
        Console.WriteLine(report);
        if (options.ReportPath is { } path)
        {
            await BenchReport.WriteAsync(path, report, options);
            Console.WriteLine($"written to {path}");
        }
        return 0;
    }

    private static async Task<string> MeasureAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var sceneDir = Path.Combine(options.WorkDirectory, $"scene-{options.Size}-s{options.Seed}");
        var item = Path.Combine(sceneDir, "item.json");
        if (!File.Exists(item))
        {
            Console.WriteLine($"generating a {options.Size} x {options.Size} scene in {sceneDir} ...");
            var generated = await ChildRunAsync("generate", ["generate", sceneDir, options.Size.ToString(CultureInfo.InvariantCulture), options.Seed.ToString(CultureInfo.InvariantCulture)], cancellationToken);
            Console.WriteLine($"  generated in {generated.Seconds:F1} s");
        }
        var bands = new Dictionary<string, string>
        {
            ["green"] = Path.Combine(sceneDir, "green.tif"),
            ["red"] = Path.Combine(sceneDir, "red.tif"),
            ["nir"] = Path.Combine(sceneDir, "nir.tif"),
        };

        // Warm the page cache so every contender reads the same, cached bytes.
        await ChildRunAsync("warm-up", ["floor", bands["green"], bands["red"], bands["nir"]], cancellationToken);

        var rows = new List<BenchRow>();
        foreach (var (product, bandNames) in new[] { ("water-bodies", new[] { "green", "nir" }), ("ndvi", new[] { "nir", "red" }) })
        {
            var floor = await BestOfAsync(options.Runs, () => ChildRunAsync($"floor {product}", ["floor", .. bandNames.Select(b => bands[b])], cancellationToken));
            var outDir = Path.Combine(options.WorkDirectory, "ours-" + product);
            var ours = await BestOfAsync(options.Runs, () => OursAsync(options, product, item, outDir, cancellationToken));
            var peerDir = Path.Combine(options.WorkDirectory, "peer-" + product);
            MeasuredRun? peer = null;
            if (!options.SkipPeer)
            {
                var peerArgs = new List<string> { options.PeerScript, product, "--nir", bands["nir"], "--out", peerDir };
                peerArgs.AddRange(product == "water-bodies" ? ["--green", bands["green"]] : ["--red", bands["red"]]);
                peer = await MeasuredRun.RunAsync($"python {product}", "/usr/bin/python3", peerArgs, null, cancellationToken);
            }
            rows.Add(new BenchRow(product, floor, ours, peer, outDir, peerDir));
        }
        return BenchReport.Format(options, rows);
    }

    private static Task<MeasuredRun> OursAsync(BenchOptions options, string product, string item, string outDir, CancellationToken cancellationToken) =>
        File.Exists(options.EoctlPath)
            ? MeasuredRun.RunAsync($"eoctl process {product}", options.EoctlPath, ["process", product, "--item", item, "--out", outDir, "--json"], null, cancellationToken)
            : throw new FileNotFoundException($"eoctl not found at {options.EoctlPath}; build src/Cli in Release first.");

    private static async Task<MeasuredRun> BestOfAsync(int runs, Func<Task<MeasuredRun>> run)
    {
        MeasuredRun? best = null;
        for (var i = 0; i < runs; i++)
        {
            var r = await run();
            if (best is null || r.Seconds < best.Seconds) best = best is null ? r : r with { PeakRssKb = Math.Max(r.PeakRssKb, best.PeakRssKb) };
            else best = best with { PeakRssKb = Math.Max(r.PeakRssKb, best.PeakRssKb) };
        }
        return best!;
    }

    // Started as `dotnet Actors.Bench.dll` the process path is dotnet itself, which needs the dll first.
    private static Task<MeasuredRun> ChildRunAsync(string name, string[] childArgs, CancellationToken cancellationToken) =>
        MeasuredRun.RunAsync(name, Self,
            Path.GetFileNameWithoutExtension(Self) == "dotnet" ? [SelfDll, "child", .. childArgs] : ["child", .. childArgs], null, cancellationToken);

    private static async Task<int> ChildAsync(string[] args)
    {
        switch (args[0])
        {
            case "floor":
                var seconds = DecodeFloor.Run(args[1..]);
                Console.WriteLine(JsonSerializer.Serialize(new { seconds }));
                return 0;
            case "generate":
                await new SyntheticSceneGenerator().GenerateAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
                return 0;
            default:
                Console.Error.WriteLine($"unknown child mode {args[0]}");
                return 2;
        }
    }

    /// <summary>What <c>eoctl process --json</c> printed: the output path and the product properties.</summary>
    internal static JsonObject OurResult(string stdout) =>
        JsonNode.Parse(stdout) as JsonObject ?? throw new InvalidDataException($"eoctl printed no JSON object:\n{stdout}");

    internal static JsonObject? LastJsonLine(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Reverse()
            .Select(l => l.Trim()).Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l) as JsonObject).FirstOrDefault();
}
