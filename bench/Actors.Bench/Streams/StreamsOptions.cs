using System.Globalization;
using Actors.Bench.Cluster;

namespace Actors.Bench.Streams;

/// <summary>Command-line options of <c>Actors.Bench streams</c>.</summary>
/// <param name="Silos">1: the embedded default (memory streams); 3: PostgreSQL, s3rver and Redis streams.</param>
/// <param name="Duplicates">Duplicate acquisitions sent through the stream (spread over the warm-up scenes), and messages of the peer.</param>
/// <param name="Parallelism">Sends in flight at once where a send is a call (the Orleans client's enqueue and direct publish).</param>
/// <param name="BurstScenes">Fresh scenes sent all at once for the throughput figure.</param>
/// <param name="PacedScenes">Fresh scenes sent one every <paramref name="Interval"/> for the latency figures.</param>
/// <param name="Interval">Time between two paced sends.</param>
/// <param name="Size">Scene width and height in pixels ("small scenes").</param>
/// <param name="WorkDirectory">Where generated scenes are kept between runs; silo data goes into a fresh folder under it.</param>
/// <param name="ReportPath">docs/benchmarks.md to update, if given.</param>
/// <param name="PostgresPort">Port of the benchmark's own PostgreSQL (3 silos).</param>
/// <param name="S3Port">Port of the benchmark's own s3rver (3 silos).</param>
/// <param name="RedisPort">Port of the benchmark's own Redis (3 silos).</param>
public sealed record StreamsOptions(
    int Silos, int Duplicates, int Parallelism, int BurstScenes, int PacedScenes, TimeSpan Interval, int Size,
    string WorkDirectory, string? ReportPath, int PostgresPort, int S3Port, int RedisPort)
{
    private const string Usage =
        "Options: --silos 1|3 (1) --duplicates N (20000) --parallel N (32) --burst N (100) --scenes N (100) "
        + "--interval-ms MS (500) --size PX (256) --work DIR --out FILE --pg-port P (57432) --s3-port P (57569) --redis-port P (57379)";

    /// <summary>Reads the options after the <c>streams</c> subcommand.</summary>
    /// <exception cref="ArgumentException">An unknown option or an invalid value, with the usage.</exception>
    public static StreamsOptions Parse(string[] args)
    {
        var options = new StreamsOptions(
            1, 20_000, 32, 100, 100, TimeSpan.FromMilliseconds(500), 256,
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
                "--burst" => options with { BurstScenes = NextInt() },
                "--scenes" => options with { PacedScenes = NextInt() },
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

    /// <summary>One silo on memory streams (the embedded default), or three on Redis streams.</summary>
    public ClusterShape Shape => new(Silos, PostgresPort, S3Port, RedisPort, RedisStreams: Silos > 1);

    /// <summary>The command line that reproduces this run (without the work folder, which only caches scenes).</summary>
    public string CommandLine(string reportPath) => string.Create(CultureInfo.InvariantCulture,
        $"dotnet bench/Actors.Bench/bin/Release/net10.0/Actors.Bench.dll streams --silos {Silos} --duplicates {Duplicates} --parallel {Parallelism} "
        + $"--burst {BurstScenes} --scenes {PacedScenes} --interval-ms {Interval.TotalMilliseconds:0} --size {Size} --out {reportPath}");
}
