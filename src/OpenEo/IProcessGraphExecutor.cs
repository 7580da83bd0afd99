using System.Text.Json.Nodes;

namespace Actors.OpenEo;

/// <summary>Runs a validated process graph on the raster engine and writes what <c>save_result</c> asks for.</summary>
public interface IProcessGraphExecutor
{
    /// <summary>Evaluates the graph; honours <paramref name="cancellationToken"/> between strips.</summary>
    /// <exception cref="OpenEoException">The graph cannot run on this data (bands missing, no items, ...).</exception>
    Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken);
}

/// <summary>A run of a process.</summary>
/// <param name="Process">An object with <c>process_graph</c> (and optional <c>parameters</c>).</param>
/// <param name="Collections">Where <c>load_collection</c> reads.</param>
/// <param name="UserProcesses">The owner's user-defined processes, or null.</param>
/// <param name="OutputDirectory">Where result files are written (created if missing).</param>
/// <param name="Progress">Fraction done, 0 to 1.</param>
/// <param name="Log">Log entries for <c>/jobs/{id}/logs</c>.</param>
public sealed record ExecutionRequest(
    JsonObject Process, ICollectionReader Collections, IUserProcessSource? UserProcesses, string OutputDirectory,
    IProgress<double>? Progress = null, Action<ExecutionLog>? Log = null);

/// <summary>A log entry of a run.</summary>
/// <param name="Level">openEO log level: error, warning, info or debug.</param>
/// <param name="Message">The message.</param>
/// <param name="Time">When.</param>
public sealed record ExecutionLog(string Level, string Message, DateTimeOffset Time);

/// <summary>What a run wrote and what it cost.</summary>
/// <param name="Files">The files, in the order they were saved.</param>
/// <param name="Extent">Where and when the result lies.</param>
/// <param name="Usage">Resources used.</param>
public sealed record ExecutionResult(IReadOnlyList<ResultFile> Files, ResultExtent Extent, ExecutionUsage Usage);

/// <summary>A written result file.</summary>
/// <param name="Path">Local path.</param>
/// <param name="MediaType">e.g. <c>image/tiff; application=geotiff; profile=cloud-optimized</c>, <c>image/png</c>.</param>
/// <param name="Format">The openEO format name (<c>GTiff</c>, <c>PNG</c>).</param>
/// <param name="Bands">Band names in the file, in order (empty when the bands were reduced away).</param>
public sealed record ResultFile(string Path, string MediaType, string Format, IReadOnlyList<string> Bands);

/// <summary>Where and when a result lies.</summary>
/// <param name="Bbox">West, south, east, north in WGS 84 degrees.</param>
/// <param name="Epsg">EPSG code of the result grid.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Start">Earliest time step, or null when the result has no time.</param>
/// <param name="End">Latest time step, or null.</param>
public sealed record ResultExtent(double[] Bbox, int Epsg, int Width, int Height, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>Resources a run used (openEO <c>usage</c>).</summary>
/// <param name="CpuSeconds">Processor time.</param>
/// <param name="PixelsRead">Pixels read from the inputs.</param>
/// <param name="BytesWritten">Bytes of result files.</param>
public sealed record ExecutionUsage(double CpuSeconds, long PixelsRead, long BytesWritten);
