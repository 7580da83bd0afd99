using System.Globalization;

namespace Actors.Bench.OpenEo;

/// <summary>Options of <c>Actors.Bench openeo</c>.</summary>
/// <param name="Size">Scene width and height in pixels (the AOI is the whole scene).</param>
/// <param name="Scenes">Scenes in the time series of the batch job.</param>
/// <param name="Runs">Timed runs of each contender; the median is reported.</param>
/// <param name="WorkDirectory">Where scenes, silo data and outputs go.</param>
/// <param name="ReportPath">A file the report is written to, if given.</param>
public sealed record OpenEoOptions(int Size, int Scenes, int Runs, string WorkDirectory, string? ReportPath)
{
    /// <summary>Parses <c>--size N --scenes N --runs N --work DIR --out FILE</c>.</summary>
    public static OpenEoOptions Parse(string[] args)
    {
        var options = new OpenEoOptions(1024, 5, 3, Path.Combine(Path.GetTempPath(), "eo-bench-openeo"), null);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--size" => options with { Size = int.Parse(value, CultureInfo.InvariantCulture) },
                "--scenes" => options with { Scenes = int.Parse(value, CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--work" => options with { WorkDirectory = Path.GetFullPath(value) },
                "--out" => options with { ReportPath = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; known: --size, --scenes, --runs, --work, --out."),
            };
        }
        return options;
    }
}
