using System.Globalization;
using Actors.Bench.Cluster;

namespace Actors.Bench.Events;

/// <summary>Command-line options of <c>Actors.Bench events</c>.</summary>
/// <param name="Silos">Silo processes: 1 (the embedded store: SQLite, local files) or 3 (PostgreSQL and s3rver).</param>
/// <param name="Duplicates">Duplicate publishes timed per client (HTTP, Orleans) and /health requests of the ceiling.</param>
/// <param name="Parallelism">Calls in flight at once in the duplicate and ceiling loops.</param>
/// <param name="PacedScenes">Fresh scenes published one every <paramref name="Interval"/> for the latency figures.</param>
/// <param name="BurstScenes">Fresh scenes published all at once for the throughput figure.</param>
/// <param name="Interval">Time between two paced publishes.</param>
/// <param name="Size">Scene width and height in pixels.</param>
/// <param name="WorkDirectory">Where generated scenes are kept between runs; silo data goes into a fresh folder under it.</param>
/// <param name="ReportPath">docs/benchmarks.md to update, if given.</param>
/// <param name="PostgresPort">Port of the benchmark's own PostgreSQL (3 silos).</param>
/// <param name="S3Port">Port of the benchmark's own s3rver (3 silos).</param>
/// <param name="RedisPort">Port of the benchmark's own Redis (3 silos; started with the other services, streams stay in memory).</param>
public sealed record EventsOptions(
    int Silos, int Duplicates, int Parallelism, int PacedScenes, int BurstScenes, TimeSpan Interval, int Size,
    string WorkDirectory, string? ReportPath, int PostgresPort, int S3Port, int RedisPort)
{
    private const string Usage =
        "Options: --silos 1|3 (1) --duplicates N (5000) --parallel N (32) --scenes N (100) --burst N (40) "
        + "--interval-ms MS (1000) --size PX (1024) --work DIR --out FILE --pg-port P (57432) --s3-port P (57569) --redis-port P (57379)";

    /// <summary>Reads the options after the <c>events</c> subcommand.</summary>
    /// <exception cref="ArgumentException">An unknown option or an invalid value, with the usage.</exception>
    public static EventsOptions Parse(string[] args)
    {
        var options = new EventsOptions(
            1, 5000, 32, 100, 40, TimeSpan.FromMilliseconds(1000), 1024,
            Path.Combine(Path.GetTempPath(), "eo-bench-events"), null, 57432, 57569, 57379);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--silos" => options with { Silos = NextInt() },
                "--duplicates" => options with { Duplicates = NextInt() },
                "--parallel" => options with { Parallelism = NextInt() },
                "--scenes" => options with { PacedScenes = NextInt() },
                "--burst" => options with { BurstScenes = NextInt() },
                "--interval-ms" => options with { Interval = TimeSpan.FromMilliseconds(NextInt()) },
                "--size" => options with { Size = NextInt() },
                "--work" => options with { WorkDirectory = Path.GetFullPath(Next()) },
                "--out" => options with { ReportPath = Path.GetFullPath(Next()) },
                "--pg-port" => options with { PostgresPort = NextInt() },
                "--s3-port" => options with { S3Port = NextInt() },
                "--redis-port" => options with { RedisPort = NextInt() },
                _ => throw new ArgumentException($"Unknown option {args[i]}. {Usage}"),
            };
        }
        if (options.Silos is not (1 or 3)) throw new ArgumentException($"--silos is 1 or 3, not {options.Silos}. {Usage}");
        if (options.Duplicates < 1 || options.Parallelism < 1 || options.PacedScenes < 1 || options.BurstScenes < 1 || options.Size < 16)
            throw new ArgumentException($"Counts must be positive and the size at least 16. {Usage}");
        return options;
    }

    /// <summary>The silos to run: memory streams, so the figures are those of the grains, not of a stream provider.</summary>
    public ClusterShape Shape => new(Silos, PostgresPort, S3Port, RedisPort, RedisStreams: false);

    /// <summary>The command line that reproduces this run (without the work folder, which only caches scenes).</summary>
    public string CommandLine(string reportPath) => string.Create(CultureInfo.InvariantCulture,
        $"dotnet bench/Actors.Bench/bin/Release/net10.0/Actors.Bench.dll events --silos {Silos} --duplicates {Duplicates} --parallel {Parallelism} "
        + $"--scenes {PacedScenes} --burst {BurstScenes} --interval-ms {Interval.TotalMilliseconds:0} --size {Size} --out {reportPath}");
}
