using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Bench.Cluster;
using Actors.Catalog;
using Actors.Catalog.Search;

namespace Actors.Bench.Catalog;

/// <summary>Latencies of one paging walk, and of its first and last page fetched again and again.</summary>
/// <param name="Pages">Pages walked (fewer than asked when the results ran out).</param>
/// <param name="PerPage">Each page's latency during the walk.</param>
/// <param name="FirstPageMs">Median latency of the first page, fetched <see cref="CatalogBenchmark.Repeats"/> times.</param>
/// <param name="LastPageMs">Median latency of the last page walked, fetched as often, alternating with the first.</param>
/// <param name="LastPageIds">The item ids of the last page walked, to check that two ways of paging reach the same items.</param>
public sealed record PagingFigures(int Pages, LatencySummary PerPage, double FirstPageMs, double LastPageMs, IReadOnlyList<string> LastPageIds);

/// <summary>Latencies of a batch of searches and how many items they returned on average.</summary>
public sealed record SearchFigures(LatencySummary Latency, double MeanItems);

/// <summary>Everything measured on one store at one size.</summary>
/// <param name="Store">sqlite or postgres.</param>
/// <param name="Size">Items loaded.</param>
/// <param name="LoadSeconds">Time in <c>UpsertItemsAsync</c> for all items (item generation left out).</param>
/// <param name="DiskBytes">The items' table and indexes on disk after the load.</param>
/// <param name="BboxDatetime">Random 5° x 5° bbox and 30-day window, first page of 100.</param>
/// <param name="Filter">The same with <c>eo:cloud_cover &lt; 10</c>, or null when the store could not run it.</param>
/// <param name="FilterSkipped">Why the filter row is missing.</param>
/// <param name="Whole">Keyset paging through the whole collection, default order.</param>
/// <param name="Offset">The same pages by LIMIT/OFFSET.</param>
/// <param name="Broad">Keyset paging through a 60° x 40° bbox and one year.</param>
/// <param name="PeakRssMb">The bench process's peak resident memory so far.</param>
/// <param name="LoadAverage">The machine's 1-minute load average before the load and after the measurements.</param>
public sealed record StoreFigures(
    string Store, int Size, double LoadSeconds, long DiskBytes, SearchFigures BboxDatetime, SearchFigures? Filter, string? FilterSkipped,
    PagingFigures Whole, PagingFigures Offset, PagingFigures Broad, double PeakRssMb, (double Before, double After) LoadAverage)
{
    /// <summary>Items written per second during the load.</summary>
    public double LoadRate => Size / LoadSeconds;
}

/// <summary>
/// Loads synthetic items into a fresh store and measures searches and paging through the store's
/// <see cref="Actors.Grains.Catalog.IStacCatalog.SearchAsync"/>, with searches parsed by <see cref="ItemSearchParser"/>
/// as the API does; the peer is LIMIT/OFFSET paging on the same table in the same run.
/// </summary>
public static class CatalogBenchmark
{
    /// <summary>How often the first and last page of a walk are fetched again for their medians.</summary>
    public const int Repeats = 21;

    /// <summary>Items per page in every search.</summary>
    public const int PageSize = 100;

    /// <summary>The broad search walked page by page: 60° x 40°, one year.</summary>
    public const string BroadBbox = "0,10,60,50", BroadDatetime = "2022-01-01T00:00:00Z/2022-12-31T23:59:59Z";

    /// <summary>The CQL2 text filter of the filter row.</summary>
    public const string CloudFilter = "eo:cloud_cover < 10";

    private const int WarmUpSearches = 20;
    private const int WarmUpPages = 10;

    private static readonly SearchLimits Limits = new();

    /// <summary>Loads <paramref name="size"/> items into <paramref name="store"/> and measures it.</summary>
    public static async Task<StoreFigures> RunAsync(BenchStore store, int size, CatalogOptions options, CancellationToken cancellationToken)
    {
        var loadBefore = LoadAverage();
        var catalog = store.Catalog;
        await catalog.UpsertCollectionAsync(SyntheticItems.Collection(), cancellationToken);
        var loading = TimeSpan.Zero;
        var report = Stopwatch.StartNew();
        for (var first = 0; first < size; first += options.Batch)
        {
            var items = SyntheticItems.Batch(options.Seed, first, Math.Min(options.Batch, size - first));
            var start = Stopwatch.GetTimestamp();
            await catalog.UpsertItemsAsync(items, cancellationToken);
            loading += Stopwatch.GetElapsedTime(start);
            if (report.Elapsed > TimeSpan.FromSeconds(15))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {store.Name}: {first + items.Count:N0} of {size:N0} items, {(first + items.Count) / loading.TotalSeconds:F0} items/s"));
                report.Restart();
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {store.Name} {size:N0}: loaded in {loading.TotalSeconds:F1} s, {size / loading.TotalSeconds:F0} items/s"));
        await store.AnalyzeAsync(cancellationToken);
        var disk = await store.SizeOnDiskAsync(cancellationToken);

        var random = new Random(options.Seed + 1);
        var bbox = await SearchesAsync(catalog, random, options.Queries, null, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bbox + datetime: p50 {bbox.Latency.P50:F2} ms, p99 {bbox.Latency.P99:F2} ms, {bbox.MeanItems:F1} items"));

        SearchFigures? filter = null;
        string? skipped = null;
        try
        {
            filter = await SearchesAsync(catalog, new Random(options.Seed + 1), options.Queries, CloudFilter, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  + filter: p50 {filter.Latency.P50:F2} ms, p99 {filter.Latency.P99:F2} ms, {filter.MeanItems:F1} items"));
        }
        catch (CatalogRequestException e)
        {
            skipped = e.Message;
            Console.WriteLine($"  filter skipped: {e.Message}");
        }

        var whole = await KeysetWalkAsync(catalog, new Dictionary<string, string> { ["collections"] = SyntheticItems.CollectionId }, options.Pages, cancellationToken);
        Console.WriteLine(Describe("  keyset, whole collection", whole));
        var offset = await OffsetWalkAsync(store, options.Pages, cancellationToken);
        Console.WriteLine(Describe("  LIMIT/OFFSET, whole collection", offset));
        if (!offset.LastPageIds.SequenceEqual(whole.LastPageIds))
            Console.Error.WriteLine($"WARNING: {store.Name}: the last LIMIT/OFFSET page holds other items than the last keyset page.");
        var broad = await KeysetWalkAsync(catalog, new Dictionary<string, string>
        {
            ["collections"] = SyntheticItems.CollectionId, ["bbox"] = BroadBbox, ["datetime"] = BroadDatetime,
        }, options.Pages, cancellationToken);
        Console.WriteLine(Describe("  keyset, broad bbox + year", broad));

        var rss = PeakRssMb();
        return new StoreFigures(store.Name, size, loading.TotalSeconds, disk, bbox, filter, skipped, whole, offset, broad, rss, (loadBefore, LoadAverage()));
    }

    private static string Describe(string what, PagingFigures f) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: {f.Pages} pages, p50 {f.PerPage.P50:F2} ms, p99 {f.PerPage.P99:F2} ms; first page {f.FirstPageMs:F2} ms, page {f.Pages} {f.LastPageMs:F2} ms");

    private static async Task<SearchFigures> SearchesAsync(
        Actors.Grains.Catalog.IStacCatalog catalog, Random random, int count, string? filter, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(count);
        long items = 0;
        for (var i = -WarmUpSearches; i < count; i++)
        {
            var query = RandomSearch(random);
            if (filter is not null) (query["filter"], query["filter-lang"]) = (filter, "cql2-text");
            var start = Stopwatch.GetTimestamp();
            var page = await catalog.SearchAsync(ItemSearchParser.FromQuery(query, Limits), cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i < 0) continue;
            latencies.Add(elapsed);
            items += page.Items.Count;
        }
        return new SearchFigures(LatencySummary.Of(latencies), (double)items / count);
    }

    // A 5° x 5° box whose south edge lies in the items' latitudes, and a 30-day window within their five years.
    private static Dictionary<string, string> RandomSearch(Random random)
    {
        var west = -180 + random.NextDouble() * 355;
        var south = SyntheticItems.MinLatitude + random.NextDouble() * (SyntheticItems.MaxLatitude + 1 - 5 - SyntheticItems.MinLatitude);
        var window = TimeSpan.FromDays(30);
        var from = SyntheticItems.Start + (SyntheticItems.End - SyntheticItems.Start - window) * random.NextDouble();
        return new Dictionary<string, string>
        {
            ["collections"] = SyntheticItems.CollectionId,
            ["bbox"] = string.Create(CultureInfo.InvariantCulture, $"{west:F4},{south:F4},{west + 5:F4},{south + 5:F4}"),
            ["datetime"] = $"{Instant(from)}/{Instant(from + window)}",
            ["limit"] = PageSize.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static string Instant(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static async Task<PagingFigures> KeysetWalkAsync(
        Actors.Grains.Catalog.IStacCatalog catalog, Dictionary<string, string> baseQuery, int pages, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ids = [];
        async Task<(double Ms, PageToken? Next)> FetchAsync(string? token)
        {
            var query = new Dictionary<string, string>(baseQuery) { ["limit"] = PageSize.ToString(CultureInfo.InvariantCulture) };
            if (token is not null) query["token"] = token;
            var start = Stopwatch.GetTimestamp();
            var page = await catalog.SearchAsync(ItemSearchParser.FromQuery(query, Limits), cancellationToken);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            ids = page.Items.Select(i => i["id"]!.GetValue<string>()).ToList();
            return (ms, page.Next);
        }

        // Warm-up: the first pages, untimed.
        string? warm = null;
        for (var i = 0; i < WarmUpPages; i++)
        {
            var (_, next) = await FetchAsync(warm);
            if (next is null) break;
            warm = next.Encode();
        }

        var latencies = new List<double>();
        var tokens = new List<string?>();
        string? token = null;
        while (latencies.Count < pages)
        {
            var (ms, next) = await FetchAsync(token);
            latencies.Add(ms);
            tokens.Add(token);
            if (next is null) break;
            token = next.Encode();
        }
        var (first, last) = await FirstAndLastAsync(async () => (await FetchAsync(null)).Ms, async () => (await FetchAsync(tokens[^1])).Ms);
        return new PagingFigures(latencies.Count, LatencySummary.Of(latencies), first, last, ids);
    }

    private static async Task<PagingFigures> OffsetWalkAsync(BenchStore store, int pages, CancellationToken cancellationToken)
    {
        // Each document is parsed, as the store's search parses every item it returns.
        IReadOnlyList<string> ids = [];
        async Task<(double Ms, int Count)> FetchAsync(int page)
        {
            var start = Stopwatch.GetTimestamp();
            var documents = await store.OffsetPageAsync(SyntheticItems.CollectionId, PageSize, page * PageSize, cancellationToken);
            var items = documents.Select(d => JsonNode.Parse(d)!.AsObject()).ToList();
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            ids = items.Select(i => i["id"]!.GetValue<string>()).ToList();
            return (ms, documents.Count);
        }

        for (var i = 0; i < WarmUpPages; i++) await FetchAsync(i);
        var latencies = new List<double>();
        while (latencies.Count < pages)
        {
            var (ms, count) = await FetchAsync(latencies.Count);
            latencies.Add(ms);
            if (count < PageSize) break;
        }
        var lastPage = latencies.Count - 1;
        var (first, last) = await FirstAndLastAsync(async () => (await FetchAsync(0)).Ms, async () => (await FetchAsync(lastPage)).Ms);
        return new PagingFigures(latencies.Count, LatencySummary.Of(latencies), first, last, ids);
    }

    // Alternating, so a burst of other work on the machine falls on both.
    private static async Task<(double First, double Last)> FirstAndLastAsync(Func<Task<double>> first, Func<Task<double>> last)
    {
        var (firsts, lasts) = (new List<double>(Repeats), new List<double>(Repeats));
        for (var i = 0; i < Repeats; i++)
        {
            firsts.Add(await first());
            lasts.Add(await last());
        }
        return (LatencySummary.Of(firsts).P50, LatencySummary.Of(lasts).P50);
    }

    /// <summary>The process's peak resident set (VmHWM) in MB; 0 where /proc is missing.</summary>
    public static double PeakRssMb()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return 0;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var kib, ..] ? long.Parse(kib, CultureInfo.InvariantCulture) / 1024.0 : 0;
    }

    /// <summary>The machine's 1-minute load average; 0 where /proc is missing.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") && File.ReadAllText("/proc/loadavg").Split(' ') is [var one, ..]
            ? double.Parse(one, CultureInfo.InvariantCulture)
            : 0;
}
