using System.Globalization;
using System.Text;
using Actors.Bench.Cluster;

namespace Actors.Bench.Events;

/// <summary>Everything one <c>events</c> run measured, and the conditions it ran in.</summary>
/// <param name="Options">The run's options.</param>
/// <param name="Machine">Cores and memory.</param>
/// <param name="OtherHeavyProcesses"><c>dotnet test</c> and <c>dotnet build</c> command lines seen while the run measured.</param>
/// <param name="Duplicates">Duplicate-event figures.</param>
/// <param name="Paced">Fresh scenes published one every <see cref="EventsOptions.Interval"/>.</param>
/// <param name="Burst">Fresh scenes published all at once.</param>
/// <param name="SiloProblems">Warnings and errors the silos logged during the run.</param>
/// <param name="Phases">When each phase of the run began, to place the silos' warnings.</param>
public sealed record EventsRun(
    EventsOptions Options, string Machine, IReadOnlyList<string> OtherHeavyProcesses, DuplicateFigures Duplicates, SceneBatchFigures Paced, SceneBatchFigures Burst,
    IReadOnlyList<SiloLogEntry> SiloProblems, BenchPhases Phases);

/// <summary>Formats an events run as Markdown and keeps it in its own block of docs/benchmarks.md, one block per silo count.</summary>
public static class EventsReport
{
    /// <summary>The heading of the section the blocks live in.</summary>
    public const string SectionHeading = "## Events through the grains";

    /// <summary>The Markdown block of <paramref name="run"/>.</summary>
    public static string Format(EventsRun run, string reportPath)
    {
        var c = CultureInfo.InvariantCulture;
        var o = run.Options;
        var d = run.Duplicates;
        var text = new StringBuilder();
        var store = o.Silos == 1 ? "1 silo, embedded store (SQLite, local files)" : $"{o.Silos} silos on one machine, PostgreSQL and s3rver";
        var load = MachineLoad.Sentence(run.OtherHeavyProcesses);
        text.AppendLine(c, $"**{store}**: {run.Machine}, {DateTime.UtcNow:yyyy-MM-dd}, scenes {o.Size} x {o.Size}. {load}");
        text.AppendLine();
        text.AppendLine(c, $"`{o.CommandLine(ReportBlock.Relative(reportPath))}`");
        text.AppendLine();
        text.AppendLine("| figure | value | latency per call / event | peer or check in the same run |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(c, $"| duplicate events/s, HTTP API ({o.Parallelism} in flight, {o.Duplicates} events) | **{d.Http.PerSecond:F0}/s** | p50 {d.Http.Latency.P50:F1} ms, p99 {d.Http.Latency.P99:F1} ms | `GET /health`, same clients: {d.HealthCeiling.PerSecond:F0}/s; duplicates reach **{d.Http.PerSecond / d.HealthCeiling.PerSecond:F2}** of it |");
        text.AppendLine(c, $"| duplicate events/s, Orleans client ({o.Parallelism} in flight, {o.Duplicates} events) | **{d.Orleans.PerSecond:F0}/s** | p50 {d.Orleans.Latency.P50:F1} ms, p99 {d.Orleans.Latency.P99:F1} ms | {d.Orleans.PerSecond / d.Http.PerSecond:F2}x the HTTP figure |");
        text.AppendLine(c, $"| silo CPU per duplicate event (all silos, user + system, idle use of {d.IdleSiloCpuCores:F2} cores taken out) | HTTP {d.HttpSiloCpuMs:F2} ms, Orleans {d.OrleansSiloCpuMs:F2} ms | | `GET /health`: {d.HealthSiloCpuMs:F2} ms |");
        var sent = 2 * (o.Duplicates + DuplicateEventsBenchmark.WarmUpCallsFor(o));
        text.AppendLine(c, $"| replies not `alreadyKnown` of {sent} duplicates (warm-up included); product computations afterwards | {d.Http.Unexpected + d.Orleans.Unexpected + d.WarmUpUnexpected} | | {DuplicateEventsBenchmark.Describe(d.ProductsAfter)}{(d.ComputedOnce ? "" : " **(recomputed: a bug)**")} |");
        var paced = run.Paced;
        var polled = paced.ByPolling ?? paced.ByStream;
        text.AppendLine(c, $"| event -> products registered, paced ({o.PacedScenes} scenes, one every {o.Interval.TotalMilliseconds:0} ms), seen by polling the scene every 20 ms | **p50 {polled.P50:F0} ms, p99 {polled.P99:F0} ms** | max {polled.Max:F0} ms | publish reply p50 {paced.PublishReply.P50:F1} ms, p99 {paced.PublishReply.P99:F1} ms |");
        text.AppendLine(c, $"| the same scenes, seen on the results stream (Orleans client) | p50 {paced.ByStream.P50:F0} ms, p99 {paced.ByStream.P99:F0} ms | max {paced.ByStream.Max:F0} ms | {Problems(paced)} |");
        text.AppendLine(c, $"| scenes/s, burst ({o.BurstScenes} scenes published at once) | **{run.Burst.ScenesPerSecond:F2} scenes/s** ({run.Burst.Seconds:F1} s) | event -> registered (stream) p50 {run.Burst.ByStream.P50:F0} ms, p99 {run.Burst.ByStream.P99:F0} ms | {Problems(run.Burst)} |");
        text.AppendLine();
        text.Append(SiloProblemsReport.Format(run.SiloProblems, run.Phases));
        return text.ToString();
    }

    /// <summary>Replaces this silo count's block in <paramref name="path"/>, or adds it to the events section.</summary>
    public static Task WriteAsync(string path, EventsRun run) =>
        ReportBlock.WriteAsync(path, SectionHeading, $"events-{run.Options.Silos}-silo", Format(run, path));

    private static string Problems(SceneBatchFigures batch) =>
        batch.Problems.Count == 0
            ? "every scene's products completed, registered and computed once"
            : $"**{batch.Problems.Count} problems**, first: {batch.Problems[0]}";
}
