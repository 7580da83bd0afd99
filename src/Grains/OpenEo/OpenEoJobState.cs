using Actors.Abstractions.OpenEo;

namespace Actors.Grains.OpenEo;

/// <summary>Durable state of an openEO batch job.</summary>
/// <param name="Owner">Owner subject.</param>
/// <param name="Title">Title.</param>
/// <param name="Description">Description.</param>
/// <param name="Process">Process JSON.</param>
/// <param name="Plan">Billing plan.</param>
/// <param name="Budget">Budget.</param>
/// <param name="LogLevel">Minimum log level kept.</param>
/// <param name="Status">One of <see cref="OpenEoJobStates"/>.</param>
/// <param name="Progress">Percent done at the last save.</param>
/// <param name="Created">Creation time.</param>
/// <param name="Updated">Last change.</param>
/// <param name="Run">Start number: a run's results are kept only while it is still the current run.</param>
/// <param name="Attempts">Computations of the current run begun (more than 1 after a crash).</param>
/// <param name="Usage">Resources used by the last run.</param>
/// <param name="Results">Result files of the finished run.</param>
/// <param name="Extent">Where and when the results lie.</param>
/// <param name="Error">Why the run failed.</param>
/// <param name="Logs">The latest log entries (capped).</param>
/// <param name="LogCount">Entries logged so far (the next entry's id).</param>
public sealed record OpenEoJobState(
    string Owner, string? Title, string? Description, string Process, string? Plan, double? Budget, string LogLevel,
    string Status, double Progress, DateTimeOffset Created, DateTimeOffset Updated, int Run, int Attempts,
    OpenEoUsage? Usage, IReadOnlyList<OpenEoResultAsset> Results, OpenEoResultExtent? Extent, string? Error,
    IReadOnlyList<OpenEoLogEntry> Logs, long LogCount)
{
    /// <summary>A job just created.</summary>
    public static OpenEoJobState Create(string owner, OpenEoJobSpec spec, DateTimeOffset now) => new(
        owner, spec.Title, spec.Description, spec.Process, spec.Plan, spec.Budget, spec.LogLevel,
        OpenEoJobStates.Created, 0, now, now, 0, 0, null, [], null, null, [], 0);

    /// <summary>The job with <paramref name="message"/> logged at <paramref name="level"/>, keeping at most <paramref name="cap"/> entries.</summary>
    public OpenEoJobState WithLog(string level, string message, DateTimeOffset time, int cap)
    {
        var entry = new OpenEoLogEntry((LogCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), level, message, time);
        var logs = Logs.Count >= cap ? Logs.Skip(Logs.Count - cap + 1).Append(entry).ToList() : [.. Logs, entry];
        return this with { Logs = logs, LogCount = LogCount + 1 };
    }
}
