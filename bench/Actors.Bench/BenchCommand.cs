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

        var products = new[] { ("water-bodies", new[] { "green", "nir" }), ("ndvi", new[] { "nir", "red" }) };
        var measured = new List<(string Product, MeasuredRun Floor, MeasuredRun OurDecode, MeasuredRun Ours, string OutDir)>();
        foreach (var (product, bandNames) in products)
        {
            var outDir = Path.Combine(options.WorkDirectory, "ours-" + product);
            // Floor and ours alternate, so a burst of load from elsewhere hits both alike.
            MeasuredRun? floor = null, ourDecode = null, ours = null;
            for (var run = 0; run < options.Runs; run++)
            {
                await SettleAsync(cancellationToken);
                floor = Best(floor, await ChildRunAsync($"floor {product}", ["floor", .. bandNames.Select(b => bands[b])], cancellationToken));
                ourDecode = Best(ourDecode, await ChildRunAsync($"our decode {product}", ["decode", .. bandNames.Select(b => bands[b])], cancellationToken));
                ours = Best(ours, await OursAsync(options, product, item, outDir, cancellationToken));
            }
            measured.Add((product, floor!, ourDecode!, ours!, outDir));
        }

        // The peers last: they write gigabytes, whose write-back would slow whatever ran next.
        var rows = new List<BenchRow>();
        foreach (var (product, floor, ourDecode, ours, outDir) in measured)
        {
            var peerDir = Path.Combine(options.WorkDirectory, "peer-" + product);
            MeasuredRun? peer = null, leanPeer = null;
            if (!options.SkipPeer)
            {
                await SettleAsync(cancellationToken);
                peer = await PeerAsync(options, product, bands, "app-package", peerDir, cancellationToken);
                await SettleAsync(cancellationToken);
                leanPeer = await PeerAsync(options, product, bands, "lean", Path.Combine(options.WorkDirectory, "lean-peer-" + product), cancellationToken);
            }
            rows.Add(new BenchRow(product, floor, ourDecode, ours, peer, leanPeer, outDir, peerDir));
        }
        return BenchReport.Format(options, rows);
    }

    private static Task<MeasuredRun> OursAsync(BenchOptions options, string product, string item, string outDir, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.EoctlPath)) throw new FileNotFoundException($"eoctl not found at {options.EoctlPath}; build src/Cli in Release first.");
        Clean(outDir);
        return MeasuredRun.RunAsync($"eoctl process {product}", options.EoctlPath, ["process", product, "--item", item, "--out", outDir, "--json"], null, cancellationToken);
    }

    private static Task<MeasuredRun> PeerAsync(
        BenchOptions options, string product, Dictionary<string, string> bands, string style, string outDir, CancellationToken cancellationToken)
    {
        var args = new List<string> { options.PeerScript, product, "--nir", bands["nir"], "--out", outDir, "--style", style };
        args.AddRange(product == "water-bodies" ? ["--green", bands["green"]] : ["--red", bands["red"]]);
        Clean(outDir);
        return MeasuredRun.RunAsync($"python {product} ({style})", "/usr/bin/python3", args, null, cancellationToken);
    }

    // Writes earlier runs left dirty go to disk first, so no contender pays for another's write-back.
    private static async Task SettleAsync(CancellationToken cancellationToken)
    {
        using var sync = System.Diagnostics.Process.Start("sync") ?? throw new InvalidOperationException("cannot run sync");
        await sync.WaitForExitAsync(cancellationToken);
    }

    // Every contender writes into an empty folder: replacing the previous run's files would time the filesystem freeing them.
    private static void Clean(string directory)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    // The fastest run's times; the highest peak RSS of all runs.
    private static MeasuredRun Best(MeasuredRun? best, MeasuredRun run) =>
        best is null ? run
        : run.Seconds < best.Seconds ? run with { PeakRssKb = Math.Max(run.PeakRssKb, best.PeakRssKb) }
        : best with { PeakRssKb = Math.Max(run.PeakRssKb, best.PeakRssKb) };

    // Started as `dotnet Actors.Bench.dll` the process path is dotnet itself, which needs the dll first.
    private static Task<MeasuredRun> ChildRunAsync(string name, string[] childArgs, CancellationToken cancellationToken) =>
        MeasuredRun.RunAsync(name, Self,
            Path.GetFileNameWithoutExtension(Self) == "dotnet" ? [SelfDll, "child", .. childArgs] : ["child", .. childArgs], null, cancellationToken);

    private static async Task<int> ChildAsync(string[] args)
    {
        switch (args[0])
        {
            case "floor" or "decode":
                var seconds = DecodeFloor.Run(args[1..], args[0] == "floor" ? Raster.Decode.BandDecoding.Gdal : Raster.Decode.BandDecoding.Auto);
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
