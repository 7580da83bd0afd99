using System.Globalization;
using System.Text;
using Actors.Bench.Cluster;

namespace Actors.Bench.Streams;

/// <summary>Everything one <c>streams</c> run measured, and the conditions it ran in.</summary>
/// <param name="Options">The run's options.</param>
/// <param name="Route">How events went in and results came out.</param>
/// <param name="Machine">Cores and memory.</param>
/// <param name="OtherHeavyProcesses"><c>dotnet test</c> and <c>dotnet build</c> command lines seen while the run measured.</param>
/// <param name="Duplicates">Duplicate events through the stream.</param>
/// <param name="Burst">Fresh scenes sent all at once.</param>
/// <param name="Paced">Fresh scenes sent one every <see cref="StreamsOptions.Interval"/>.</param>
/// <param name="DeadLetters">Entries in the dead-letter key afterwards (Redis; null with memory streams).</param>
/// <param name="SiloProblems">Warnings and errors the silos logged during the run.</param>
/// <param name="Phases">When each phase of the run began, to place the silos' warnings.</param>
public sealed record StreamsRun(
    StreamsOptions Options, string Route, string Machine, IReadOnlyList<string> OtherHeavyProcesses, StreamDuplicateFigures Duplicates,
    StreamSceneFigures Burst, StreamSceneFigures Paced, long? DeadLetters, IReadOnlyList<SiloLogEntry> SiloProblems, BenchPhases Phases);

/// <summary>Formats a streams run as Markdown and keeps it in its own block of docs/benchmarks.md, one block per silo count.</summary>
public static class StreamsReport
{
    /// <summary>The heading of the section the blocks live in.</summary>
    public const string SectionHeading = "## Events through the streams";

    /// <summary>The Markdown block of <paramref name="run"/>.</summary>
    public static string Format(StreamsRun run, string reportPath)
    {
        var c = CultureInfo.InvariantCulture;
        var o = run.Options;
        var d = run.Duplicates;
        var text = new StringBuilder();
        var setup = o.Silos == 1
            ? "1 silo, embedded default (SQLite, local files, memory streams)"
            : $"{o.Silos} silos on one machine, PostgreSQL, s3rver and Redis streams";
        text.AppendLine(c, $"**{setup}**: {run.Machine}, {DateTime.UtcNow:yyyy-MM-dd}, scenes {o.Size} x {o.Size}. {MachineLoad.Sentence(run.OtherHeavyProcesses)}");
        text.AppendLine();
        text.AppendLine(c, $"`{o.CommandLine(ReportBlock.Relative(reportPath))}`");
        text.AppendLine();
        text.AppendLine(c, $"Events in and results out: {run.Route}.");
        text.AppendLine();
        text.AppendLine("| figure | value | per event | peer or check in the same run |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(c, $"| duplicate events/s through the stream to the scene grains ({d.Events} over {d.Scenes} known scenes) | **{d.PerSecond:F0}/s** ({d.Seconds:F2} s) | silo CPU {d.SiloCpuMs:F2} ms (idle use of {d.IdleSiloCpuCores:F2} cores taken out) | {d.PeerName}: {d.PeerPerSecond:F0}/s; the stream reaches **{d.PerSecond / d.PeerPerSecond:F2}** of it |");
        text.AppendLine(c, $"| known scenes with products not completed once after the duplicates | {d.Recomputed.Count} | | {(d.Recomputed.Count == 0 ? "no duplicate started work" : "**a duplicate started work: a bug**, first: " + d.Recomputed[0])} |");
        text.AppendLine(c, $"| fresh scenes/s through the stream, burst ({o.BurstScenes} sent at once) | **{run.Burst.ScenesPerSecond:F2} scenes/s** ({run.Burst.Seconds:F1} s) | event -> result entry p50 {run.Burst.Latency.P50:F0} ms, p99 {run.Burst.Latency.P99:F0} ms | {Problems(run.Burst)} |");
        text.AppendLine(c, $"| event -> result entry, paced ({o.PacedScenes} fresh scenes, one every {o.Interval.TotalMilliseconds:0} ms; the scene's last product) | **p50 {run.Paced.Latency.P50:F0} ms, p99 {run.Paced.Latency.P99:F0} ms** | max {run.Paced.Latency.Max:F0} ms | {Problems(run.Paced)} |");
        if (run.DeadLetters is { } dead)
            text.AppendLine(c, $"| entries in `acquisitions-dead` afterwards | {dead} | | every entry was a good acquisition |");
        text.AppendLine();
        text.Append(SiloProblemsReport.Format(run.SiloProblems, run.Phases));
        return text.ToString();
    }

    /// <summary>Replaces this silo count's block in <paramref name="path"/>, or adds it to the streams section.</summary>
    public static Task WriteAsync(string path, StreamsRun run) =>
        ReportBlock.WriteAsync(path, SectionHeading, $"streams-{run.Options.Silos}-silo", Format(run, path));

    private static string Problems(StreamSceneFigures batch) =>
        batch.Problems.Count == 0
            ? "every scene's products completed, registered and computed once, one result entry each"
            : $"**{batch.Problems.Count} problems**, first: {batch.Problems[0]}";
}
