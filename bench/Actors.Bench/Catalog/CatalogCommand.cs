using System.Globalization;
using Actors.Bench.Cluster;

namespace Actors.Bench.Catalog;

/// <summary>
/// <c>Actors.Bench catalog</c>: for each store and size, loads synthetic Sentinel-2-like items into a fresh store and
/// measures bbox + datetime searches, a CQL2 filter search and keyset paging, with LIMIT/OFFSET paging on the same
/// table as the peer. Prints the figures and, with <c>--out</c>, keeps them in docs/benchmarks.md. Figures only.
/// </summary>
public static class CatalogCommand
{
    /// <summary>Runs the benchmark with the options after <c>catalog</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CatalogOptions.Parse(args);
        var cancellationToken = CancellationToken.None;
        Directory.CreateDirectory(options.WorkDirectory);
        var figures = new List<StoreFigures>();
        IReadOnlyList<string> seen;
        await using (var load = new MachineLoad.Watch())
        {
            foreach (var size in options.Sizes)
            {
                foreach (var name in options.Stores)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}, {size:N0} items:"));
                    await using var store = await BenchStore.CreateAsync(name, size, options, cancellationToken);
                    figures.Add(await CatalogBenchmark.RunAsync(store, size, options, cancellationToken));
                }
            }
            seen = load.Seen;
        }

        var block = CatalogReport.Format(options, figures, MachineLoad.Describe(), seen, options.ReportPath);
        Console.WriteLine();
        Console.WriteLine(block);
        if (options.ReportPath is { } path)
        {
            await CatalogReport.WriteAsync(path, options, block);
            Console.WriteLine($"written to {path}");
        }
        return 0;
    }
}
