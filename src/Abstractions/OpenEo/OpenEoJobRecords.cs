namespace Actors.Abstractions.OpenEo;

/// <summary>The openEO batch job states.</summary>
public static class OpenEoJobStates
{
    /// <summary>Created, not started.</summary>
    public const string Created = "created";

    /// <summary>Started, waiting for a slot.</summary>
    public const string Queued = "queued";

    /// <summary>Computing.</summary>
    public const string Running = "running";

    /// <summary>Stopped by its owner.</summary>
    public const string Canceled = "canceled";

    /// <summary>Results are available.</summary>
    public const string Finished = "finished";

    /// <summary>The computation failed.</summary>
    public const string Error = "error";

    /// <summary>True while the job holds or waits for a slot (it cannot be changed).</summary>
    public static bool IsActive(string status) => status is Queued or Running;
}

/// <summary>What <c>POST /jobs</c> asks for.</summary>
/// <param name="Title">Title, or null.</param>
/// <param name="Description">Description, or null.</param>
/// <param name="Process">The process (an object with <c>process_graph</c>) as JSON text.</param>
/// <param name="Plan">Billing plan, or null.</param>
/// <param name="Budget">Budget, or null.</param>
/// <param name="LogLevel">Minimum log level kept: error, warning, info or debug.</param>
[GenerateSerializer, Immutable]
public sealed record OpenEoJobSpec(string? Title, string? Description, string Process, string? Plan, double? Budget, string LogLevel);

/// <summary>What <c>PATCH /jobs/{id}</c> changes; a null field is left as it is unless its <c>Set…</c> flag says to clear it.</summary>
/// <param name="Title">New title.</param>
/// <param name="SetTitle">True when the title is given (possibly null).</param>
/// <param name="Description">New description.</param>
/// <param name="SetDescription">True when the description is given (possibly null).</param>
/// <param name="Process">New process JSON, or null to keep it.</param>
/// <param name="Plan">New plan.</param>
/// <param name="SetPlan">True when the plan is given.</param>
/// <param name="Budget">New budget.</param>
/// <param name="SetBudget">True when the budget is given.</param>
/// <param name="LogLevel">New log level, or null to keep it.</param>
[GenerateSerializer, Immutable]
public sealed record OpenEoJobUpdate(
    string? Title, bool SetTitle, string? Description, bool SetDescription, string? Process,
    string? Plan, bool SetPlan, double? Budget, bool SetBudget, string? LogLevel);

/// <summary>A result file of a job, stored in the object store.</summary>
/// <param name="Name">Asset name (the file name).</param>
/// <param name="ObjectKey">Object store key.</param>
/// <param name="MediaType">Media type.</param>
/// <param name="Format">openEO format name.</param>
/// <param name="Bands">Band names in the file.</param>
/// <param name="Size">Bytes.</param>
[GenerateSerializer, Immutable]
public sealed record OpenEoResultAsset(string Name, string ObjectKey, string MediaType, string Format, IReadOnlyList<string> Bands, long Size);

/// <summary>Where and when a job's result lies.</summary>
/// <param name="Bbox">West, south, east, north in WGS 84.</param>
/// <param name="Epsg">EPSG code of the result grid.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Start">Earliest time step, or null.</param>
/// <param name="End">Latest time step, or null.</param>
[GenerateSerializer, Immutable]
public sealed record OpenEoResultExtent(double[] Bbox, int Epsg, int Width, int Height, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>Resources a job used.</summary>
/// <param name="CpuSeconds">Processor time.</param>
/// <param name="DurationSeconds">Wall time of the computation.</param>
/// <param name="PixelsRead">Input pixels read.</param>
/// <param name="BytesWritten">Result bytes.</param>
[GenerateSerializer, Immutable]
public sealed record OpenEoUsage(double CpuSeconds, double DurationSeconds, long PixelsRead, long BytesWritten);

/// <summary>A log entry of a job.</summary>
/// <param name="Id">Increasing number, as text.</param>
/// <param name="Level">error, warning, info or debug.</param>
/// <param name="Message">The message.</param>
/// <param name="Time">When.</param>
[GenerateSerializer, Immutable]
public sealed record OpenEoLogEntry(string Id, string Level, string Message, DateTimeOffset Time);

/// <summary>A page of a job's log.</summary>
/// <param name="Entries">The entries, oldest first.</param>
/// <param name="Level">The lowest level the page may contain.</param>
/// <param name="Next">The offset of the following page, or null when this is the last.</param>
[GenerateSerializer, Immutable]
public sealed record OpenEoLogPage(IReadOnlyList<OpenEoLogEntry> Entries, string Level, string? Next);

/// <summary>Everything known about a job.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Owner">Owner subject.</param>
/// <param name="Title">Title.</param>
/// <param name="Description">Description.</param>
/// <param name="Process">Process JSON.</param>
/// <param name="Status">One of <see cref="OpenEoJobStates"/>.</param>
/// <param name="Progress">Percent done, 0 to 100.</param>
/// <param name="Created">Creation time.</param>
/// <param name="Updated">Last change.</param>
/// <param name="Plan">Plan.</param>
/// <param name="Budget">Budget.</param>
/// <param name="LogLevel">Minimum log level kept.</param>
/// <param name="Usage">Resources used by the last run, or null.</param>
/// <param name="Results">Result files of the finished run.</param>
/// <param name="Extent">Where and when the results lie.</param>
/// <param name="Error">The last error message, when the status is error.</param>
[GenerateSerializer, Immutable]
public sealed record OpenEoJobInfo(
    string Id, string Owner, string? Title, string? Description, string Process, string Status, double Progress,
    DateTimeOffset Created, DateTimeOffset Updated, string? Plan, double? Budget, string LogLevel, OpenEoUsage? Usage,
    IReadOnlyList<OpenEoResultAsset> Results, OpenEoResultExtent? Extent, string? Error);
