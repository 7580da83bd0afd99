using System.Globalization;
using Actors.Bench.Cluster;

namespace Actors.Bench.Events;

/// <summary>
/// <c>Actors.Bench events</c>: starts silo processes (one embedded, or three on PostgreSQL and s3rver), measures
/// duplicate events per second and event -> products registered latency through the grains, prints the figures and
/// keeps them in docs/benchmarks.md. Figures only: no thresholds; the exit code is 1 only when the system answered
/// wrongly (a duplicate not recognised or recomputed, a scene that failed).
/// </summary>
public static class EventsCommand
{
    private const int DuplicateSeed = 100;
    private const int FirstPacedSeed = 1001;
    private const int FirstBurstSeed = 2001;
    private const int FirstWarmUpSeed = 3001;

    /// <summary>
    /// Unmeasured scenes per silo before the timed batches. The runtime recompiles a method with full optimisation
    /// only after about 30 calls, and a scene calls most of its path once: with two warm-up scenes per silo, the
    /// first 30 s of a paced batch on three silos were twice as slow as the rest.
    /// </summary>
    private const int WarmUpScenesPerSilo = 10;

    /// <summary>
    /// Rest between the warm-up burst and the paced batch: without it, the first 20 s of the paced batch on three
    /// silos took two to three times as long as the rest, the silos still busy after the burst.
    /// </summary>
    private static readonly TimeSpan RestAfterWarmUp = TimeSpan.FromSeconds(30);

    /// <summary>How often the paced scenes' status is polled: short enough to matter little beside a scene's latency.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs the benchmark with the options after <c>events</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var options = EventsOptions.Parse(args);
        var cancellationToken = CancellationToken.None;
        await using var load = new MachineLoad.Watch();

        // Generated before any silo starts, so generation never competes with the measurements.
        var library = new SceneLibrary(Path.Combine(options.WorkDirectory, "scenes"), options.Size);
        var duplicateScene = await library.GetAsync(DuplicateSeed, cancellationToken);
        var paced = await library.GetAllAsync(Enumerable.Range(FirstPacedSeed, options.PacedScenes), cancellationToken);
        var burst = await library.GetAllAsync(Enumerable.Range(FirstBurstSeed, options.BurstScenes), cancellationToken);
        var warmUp = await library.GetAllAsync(Enumerable.Range(FirstWarmUpSeed, WarmUpScenesPerSilo * options.Silos), cancellationToken);

        // A fresh folder (and, for a cluster, a fresh database) per run: every scene is new to the silos.
        var runDirectory = Path.Combine(options.WorkDirectory, string.Create(CultureInfo.InvariantCulture, $"run-{options.Silos}-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
        Directory.CreateDirectory(runDirectory);
        EventsRun run;
        var phases = new BenchPhases();
        var warmUpProblems = 0;
        phases.Begin("start-up");
        await using (var cluster = await BenchCluster.StartAsync(options.Shape, BenchOptions.RepoRoot, runDirectory, cancellationToken))
        {
            Console.WriteLine($"{cluster.Silos.Count} silo(s) active: {string.Join(", ", cluster.Silos.Select(s => $"{s.Name} {s.BaseAddress} gateway {s.GatewayPort}"))}");
            phases.Begin("duplicates");
            Console.WriteLine($"duplicate events ({options.Duplicates} per client, {options.Parallelism} in flight):");
            var duplicates = await DuplicateEventsBenchmark.RunAsync(cluster, duplicateScene, options, cancellationToken);
            phases.Begin("warm-up scenes");
            Console.WriteLine($"warm-up: {warmUp.Count} fresh scenes at once, not timed ...");
            warmUpProblems = (await SceneLatencyBenchmark.RunAsync(cluster, warmUp, TimeSpan.Zero, null, cancellationToken)).Problems.Count;
            await Task.Delay(RestAfterWarmUp, cancellationToken);
            phases.Begin("paced scenes");
            Console.WriteLine($"paced: {paced.Count} fresh scenes, one every {options.Interval.TotalMilliseconds:0} ms, polled every {PollInterval.TotalMilliseconds:0} ms ...");
            var pacedFigures = await SceneLatencyBenchmark.RunAsync(cluster, paced, options.Interval, PollInterval, cancellationToken);
            phases.Begin("burst scenes");
            Console.WriteLine($"burst: {burst.Count} fresh scenes at once ...");
            var burstFigures = await SceneLatencyBenchmark.RunAsync(cluster, burst, TimeSpan.Zero, null, cancellationToken);
            phases.Begin("shut-down");
            var siloProblems = cluster.Silos.SelectMany(s => s.Problems).ToArray();
            run = new EventsRun(options, MachineLoad.Describe(), load.Seen, duplicates, pacedFigures, burstFigures, siloProblems, phases);
        }

        var reportPath = options.ReportPath ?? Path.Combine(BenchOptions.RepoRoot, "docs", "benchmarks.md");
        Console.WriteLine();
        Console.WriteLine(EventsReport.Format(run, reportPath));
        foreach (var entry in run.SiloProblems.Take(20)) Console.WriteLine($"{entry.Silo} {entry.At:HH:mm:ss.fff} ({phases.At(entry.At)}): {entry.Text}");
        var timeline = await WriteTimelineAsync(options, run);
        Console.WriteLine($"per-scene times in {timeline}");
        if (options.ReportPath is { } path)
        {
            await EventsReport.WriteAsync(path, run);
            Console.WriteLine($"written to {path}");
        }

        var wrong = run.Duplicates.Http.Unexpected + run.Duplicates.Orleans.Unexpected + run.Duplicates.WarmUpUnexpected + run.Paced.Problems.Count + run.Burst.Problems.Count + warmUpProblems
            + (run.Duplicates.ComputedOnce ? 0 : 1);
        if (wrong > 0)
        {
            Console.Error.WriteLine($"ERROR: the system answered wrongly {wrong} time(s); silo logs kept under {runDirectory}");
            return 1;
        }
        Directory.Delete(runDirectory, recursive: true);
        return 0;
    }

    // Kept beside the scenes, not in the run folder: an outlier in the percentiles is explained by when it happened.
    private static async Task<string> WriteTimelineAsync(EventsOptions options, EventsRun run)
    {
        var path = Path.Combine(options.WorkDirectory, string.Create(CultureInfo.InvariantCulture, $"timeline-{options.Silos}-silo.csv"));
        var lines = new List<string> { "batch,scene,publish_start_ms,publish_reply_ms,polled_at_ms,streamed_at_ms" };
        foreach (var (batch, figures) in new[] { ("paced", run.Paced), ("burst", run.Burst) })
            lines.AddRange(figures.Timeline.Select(t => string.Create(CultureInfo.InvariantCulture,
                $"{batch},{t.SceneId},{t.PublishStartMs:F1},{t.PublishReplyMs:F1},{t.PolledAtMs:F1},{t.StreamedAtMs:F1}")));
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }
}
