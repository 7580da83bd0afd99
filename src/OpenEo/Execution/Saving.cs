using System.Globalization;
using Actors.OpenEo.Cubes;
using Actors.OpenEo.Results;

namespace Actors.OpenEo.Execution;

/// <summary><c>save_result</c>: one file per time label (or one without a temporal dimension), one band per band label.</summary>
internal static class Saving
{
    public static Task SaveAsync(RasterCube cube, string format, RunContext run) => Task.Run(() =>
    {
        var canonical = FileFormats.Canonical(format)
            ?? throw new OpenEoException("FormatUnsuitable", $"save_result: format '{format}' is not supported ({string.Join(", ", FileFormats.Output)} are).");
        var extension = canonical == FileFormats.GTiff ? "tif" : "png";
        var bands = cube.Bands ?? [];
        for (var t = 0; t < cube.TimeCount; t++)
        {
            run.CancellationToken.ThrowIfCancellationRequested();
            var name = cube.Times is null ? "result"
                : "result_" + cube.Times[t].UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var path = Unique(Path.Combine(run.Request.OutputDirectory, $"{name}.{extension}"), run);
            var planes = Enumerable.Range(0, cube.BandCount).Select(b => cube.Plane(t, b)).ToList();
            if (canonical == FileFormats.GTiff) GeoTiffResultWriter.Write(path, cube.Grid, planes, run.CancellationToken);
            else PngResultWriter.Write(path, cube.Grid, planes, run.CancellationToken);
            var bytes = new FileInfo(path).Length;
            run.AddBytesWritten(bytes);
            run.Files.Add(new ResultFile(path, FileFormats.MediaType(canonical), canonical, bands.ToList()));
            run.Log("info", string.Create(CultureInfo.InvariantCulture, $"save_result: wrote {Path.GetFileName(path)} ({canonical}, {cube.Grid.Width}x{cube.Grid.Height}, {cube.BandCount} band(s), {bytes} bytes)."));
            run.Progress((t + 1.0) / cube.TimeCount);
        }
        run.LastSaved = cube;
    }, run.CancellationToken);

    // A graph may save twice; the second save must not overwrite the first's files.
    private static string Unique(string path, RunContext run)
    {
        var candidate = path;
        for (var i = 2; run.Files.Any(f => f.Path == candidate); i++)
            candidate = Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}_{i}{Path.GetExtension(path)}");
        return candidate;
    }
}
