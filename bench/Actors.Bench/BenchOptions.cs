using System.Globalization;

namespace Actors.Bench;

/// <summary>Command-line options of the benchmark.</summary>
public sealed record BenchOptions(
    int Size, int Seed, int Runs, string WorkDirectory, string? ReportPath, string EoctlPath, string PeerScript, bool SkipPeer)
{
    /// <summary>The repository the benchmark was built in (where Actors.sln is), else the current folder.</summary>
    internal static readonly string RepoRoot = FindRepoRoot();

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(
            10980, 1, 3, Path.Combine(Path.GetTempPath(), "eo-bench"), null,
            Path.Combine(RepoRoot, "src/Cli/bin/Release/net10.0/eoctl"),
            Path.Combine(RepoRoot, "bench/reference/water_bodies.py"), false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--size" => options with { Size = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--work" => options with { WorkDirectory = Path.GetFullPath(Next()) },
                "--report" => options with { ReportPath = Path.GetFullPath(Next()) },
                "--eoctl" => options with { EoctlPath = Path.GetFullPath(Next()) },
                "--no-peer" => options with { SkipPeer = true },
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]}. Options: --size N (10980) --seed S (1) --runs N (3) --work DIR --report FILE --eoctl PATH --no-peer"),
            };
        }
        return options;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
