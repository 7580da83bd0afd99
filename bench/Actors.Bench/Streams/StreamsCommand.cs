using System.Globalization;
using Actors.Bench.Cluster;

namespace Actors.Bench.Streams;

/// <summary>
/// <c>Actors.Bench streams</c>: events through the stream to the scene grains and results back, on the embedded silo
/// (memory streams, Orleans client) or three silos (Redis streams, written and read as an outside producer and
/// consumer would): duplicate events per second against a peer, fresh small scenes per second, and event -> result
/// entry latency. Figures only: the exit code is 1 only when the system answered wrongly.
/// </summary>
public static class StreamsCommand
{
    private const int FirstWarmUpSeed = 5001;
    private const int FirstBurstSeed = 6001;
    private const int FirstPacedSeed = 7001;

    /// <summary>
    /// Fresh scenes per silo before the timed phases: the runtime optimises a method fully only after about 30 calls.
    /// They are also the known scenes the duplicates name.
    /// </summary>
    private const int WarmUpScenesPerSilo = 10;

    /// <summary>Rest after a phase that kept the silos busy, so the next one starts on idle silos.</summary>
    private static readonly TimeSpan Rest = TimeSpan.FromSeconds(15);

    /// <summary>Runs the benchmark with the options after <c>streams</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var options = StreamsOptions.Parse(args);
        var cancellationToken = CancellationToken.None;
        await using var load = new MachineLoad.Watch();

        var library = new SceneLibrary(Path.Combine(options.WorkDirectory, "scenes"), options.Size);
        var warmUp = await library.GetAllAsync(Enumerable.Range(FirstWarmUpSeed, WarmUpScenesPerSilo * options.Silos), cancellationToken);
        var burst = await library.GetAllAsync(Enumerable.Range(FirstBurstSeed, options.BurstScenes), cancellationToken);
        var paced = await library.GetAllAsync(Enumerable.Range(FirstPacedSeed, options.PacedScenes), cancellationToken);

        var runDirectory = Path.Combine(options.WorkDirectory, string.Create(CultureInfo.InvariantCulture, $"streams-{options.Silos}-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
        Directory.CreateDirectory(runDirectory);
        var phases = new BenchPhases();
        var problems = 0;
        StreamsRun run;
        phases.Begin("start-up");
        await using (var cluster = await BenchCluster.StartAsync(options.Shape, BenchOptions.RepoRoot, runDirectory, cancellationToken))
        {
            await using IEventRoute route = options.Shape.RedisStreams
                ? await RedisStreamRoute.ConnectAsync(cluster)
                : new OrleansStreamRoute(cluster, options.Parallelism);
            Console.WriteLine($"{cluster.Silos.Count} silo(s) active; events: {route.Description}");

            phases.Begin("warm-up scenes");
            Console.WriteLine($"warm-up: {warmUp.Count} fresh scenes at once, not timed ...");
            problems += (await StreamScenesBenchmark.RunAsync(cluster, route, warmUp, TimeSpan.Zero, cancellationToken)).Problems.Count;
            await Task.Delay(Rest, cancellationToken);

            phases.Begin("duplicates");
            Console.WriteLine($"duplicates: {options.Duplicates} over the {warmUp.Count} warm-up scenes ...");
            var duplicates = await StreamDuplicatesBenchmark.RunAsync(cluster, route, warmUp, options, cancellationToken);
            await Task.Delay(Rest, cancellationToken);

            phases.Begin("burst scenes");
            Console.WriteLine($"burst: {burst.Count} fresh scenes at once ...");
            var burstFigures = await StreamScenesBenchmark.RunAsync(cluster, route, burst, TimeSpan.Zero, cancellationToken);
            Console.WriteLine($"  {burstFigures.ScenesPerSecond:F2} scenes/s, event -> result entry p50 {burstFigures.Latency.P50:F0} ms, p99 {burstFigures.Latency.P99:F0} ms");
            await Task.Delay(Rest, cancellationToken);

            phases.Begin("paced scenes");
            Console.WriteLine($"paced: {paced.Count} fresh scenes, one every {options.Interval.TotalMilliseconds:0} ms ...");
            var pacedFigures = await StreamScenesBenchmark.RunAsync(cluster, route, paced, options.Interval, cancellationToken);
            Console.WriteLine($"  event -> result entry p50 {pacedFigures.Latency.P50:F0} ms, p99 {pacedFigures.Latency.P99:F0} ms, max {pacedFigures.Latency.Max:F0} ms");

            long? deadLetters = route is RedisStreamRoute redis ? await redis.LengthAsync("acquisitions-dead") : null;
            phases.Begin("shut-down");
            problems += duplicates.Recomputed.Count + burstFigures.Problems.Count + pacedFigures.Problems.Count + (int)(deadLetters ?? 0);
            run = new StreamsRun(options, route.Description, MachineLoad.Describe(), load.Seen, duplicates, burstFigures, pacedFigures, deadLetters,
                cluster.Silos.SelectMany(s => s.Problems).ToArray(), phases);
        }

        var reportPath = options.ReportPath ?? Path.Combine(BenchOptions.RepoRoot, "docs", "benchmarks.md");
        Console.WriteLine();
        Console.WriteLine(StreamsReport.Format(run, reportPath));
        if (options.ReportPath is { } path)
        {
            await StreamsReport.WriteAsync(path, run);
            Console.WriteLine($"written to {path}");
        }
        if (problems > 0)
        {
            Console.Error.WriteLine($"ERROR: the system answered wrongly {problems} time(s); silo logs kept under {runDirectory}");
            return 1;
        }
        Directory.Delete(runDirectory, recursive: true);
        return 0;
    }
}
