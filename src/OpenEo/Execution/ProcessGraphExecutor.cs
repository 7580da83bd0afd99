using System.Globalization;
using System.Text.Json.Nodes;
using Actors.OpenEo.Cubes;

namespace Actors.OpenEo.Execution;

/// <summary>
/// Runs a validated process graph: data cube processes on float32 planes held in memory, callbacks
/// compiled into strip-wise SIMD programs run on one worker per core, results written by
/// <c>save_result</c>. Cancellation is checked before every strip.
/// </summary>
public sealed class ProcessGraphExecutor : IProcessGraphExecutor
{
    /// <inheritdoc />
    /// <remarks>
    /// <see cref="ExecutionUsage.CpuSeconds"/> is the process's processor time over the run, so it also
    /// counts whatever else the process did meanwhile; the engine does not run its strips elsewhere.
    /// </remarks>
    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var run = new RunContext(request, cancellationToken);
        var graph = request.Process["process_graph"] as JsonObject
            ?? throw new OpenEoException("ProcessGraphMissing", "The process has no process_graph.");
        var parameters = new Dictionary<string, object?>();
        if (request.Process["parameters"] is JsonArray declared)
            foreach (var p in declared.OfType<JsonObject>())
                if (p["name"]?.GetValue<string>() is { } name)
                    parameters[name] = GraphValues.Convert(p["default"], _ => null);
        Directory.CreateDirectory(request.OutputDirectory);
        try
        {
            var evaluator = new GraphEvaluator(run);
            var result = await evaluator.RunAsync(graph, parameters).ConfigureAwait(false);
            if (run.Files.Count == 0 && result is RasterCube cube)
                await Saving.SaveAsync(cube, FileFormats.GTiff, run).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A cancelled run leaves no result files behind.
            foreach (var file in run.Files) TryDelete(file.Path);
            throw;
        }
        catch (OpenEoException)
        {
            foreach (var file in run.Files) TryDelete(file.Path);
            throw;
        }
        catch (Raster.Gdal.GdalException e)
        {
            foreach (var file in run.Files) TryDelete(file.Path);
            throw new OpenEoException("Internal", $"Reading or writing a raster failed: {e.Message}", 500, e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException or OutOfMemoryException or NotSupportedException)
        {
            // Whatever else stops a run reaches the client as an openEO error, not a bare 500 without a body.
            foreach (var file in run.Files) TryDelete(file.Path);
            throw new OpenEoException("Internal", $"The process graph could not be run: {e.Message}", 500, e);
        }
        if (run.Files.Count == 0)
            throw new OpenEoException("ProcessGraphInvalid", "The process graph saves nothing: its result is not a data cube and it has no save_result.");
        run.Progress(1);
        var saved = run.LastSaved!;
        var extent = new ResultExtent(saved.Grid.Wgs84Bounds(), saved.Grid.Epsg, saved.Grid.Width, saved.Grid.Height,
            saved.Times?.Min(), saved.Times?.Max());
        var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        run.Log("info", string.Create(CultureInfo.InvariantCulture,
            $"Finished: {run.Files.Count} file(s), {run.BytesWritten} bytes, {run.PixelsRead} pixels read, {cpu:0.00} CPU seconds."));
        return new ExecutionResult(run.Files, extent, new ExecutionUsage(cpu, run.PixelsRead, run.BytesWritten));
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
