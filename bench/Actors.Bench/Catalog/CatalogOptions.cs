using System.Globalization;

namespace Actors.Bench.Catalog;

/// <summary>Command-line options of <c>Actors.Bench catalog</c>.</summary>
/// <param name="Sizes">Item counts to load and search, each into a fresh store.</param>
/// <param name="Stores">Stores to measure: <c>sqlite</c>, <c>postgres</c>.</param>
/// <param name="Queries">Timed searches per kind (bbox + datetime, filter), after the warm-up.</param>
/// <param name="Pages">Pages walked by each paging run.</param>
/// <param name="Batch">Items per <c>UpsertItemsAsync</c> call (one transaction each) while loading.</param>
/// <param name="Seed">Seed of the synthetic items and of the random searches.</param>
/// <param name="Postgres">Connection string of the PostgreSQL server (its <c>postgres</c> database); a fresh database is created on it per size.</param>
/// <param name="WorkDirectory">Where the fresh SQLite files go (deleted afterwards).</param>
/// <param name="ReportPath">docs/benchmarks.md to update, if given.</param>
public sealed record CatalogOptions(
    IReadOnlyList<int> Sizes, IReadOnlyList<string> Stores, int Queries, int Pages, int Batch, int Seed,
    string Postgres, string WorkDirectory, string? ReportPath)
{
    /// <summary>The PostgreSQL of <c>deploy/local/services.sh start .services</c>.</summary>
    public const string DefaultPostgres = "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres;Timeout=15";

    private const string Usage =
        "Options: --sizes N,N,... (10000,100000) --stores sqlite,postgres (both) --queries N (200) --pages N (100) --batch N (2000) "
        + "--seed S (1) --pg CONNECTION-STRING (" + DefaultPostgres + ") --work DIR --out FILE";

    /// <summary>Reads the options after the <c>catalog</c> subcommand.</summary>
    /// <exception cref="ArgumentException">An unknown option or an invalid value, with the usage.</exception>
    public static CatalogOptions Parse(string[] args)
    {
        var options = new CatalogOptions(
            [10_000, 100_000], ["sqlite", "postgres"], 200, 100, 2000, 1, DefaultPostgres,
            Path.Combine(Path.GetTempPath(), "eo-bench-catalog"), null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = Next().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() },
                "--stores" => options with { Stores = Next().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) },
                "--queries" => options with { Queries = NextInt() },
                "--pages" => options with { Pages = NextInt() },
                "--batch" => options with { Batch = NextInt() },
                "--seed" => options with { Seed = NextInt() },
                "--pg" => options with { Postgres = Next() },
                "--work" => options with { WorkDirectory = Path.GetFullPath(Next()) },
                "--out" => options with { ReportPath = Path.GetFullPath(Next()) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. {Usage}"),
            };
        }
        if (options.Sizes.Count == 0 || options.Sizes.Any(s => s < 1) || options.Queries < 1 || options.Pages < 1 || options.Batch < 1)
            throw new ArgumentException($"Sizes and counts must be positive. {Usage}");
        if (options.Stores.Count == 0 || options.Stores.Any(s => s is not ("sqlite" or "postgres")))
            throw new ArgumentException($"--stores takes sqlite and/or postgres. {Usage}");
        return options;
    }

    /// <summary>The command line that reproduces this run (the PostgreSQL server only when it is not the default).</summary>
    public string CommandLine(string? reportPath) =>
        "dotnet run -c Release --project bench/Actors.Bench -- catalog"
        + string.Create(CultureInfo.InvariantCulture, $" --sizes {string.Join(',', Sizes)} --stores {string.Join(',', Stores)}")
        + string.Create(CultureInfo.InvariantCulture, $" --queries {Queries} --pages {Pages} --batch {Batch} --seed {Seed}")
        + (Postgres == DefaultPostgres ? "" : " --pg '...'")
        + (reportPath is null ? "" : $" --out {reportPath}");
}
