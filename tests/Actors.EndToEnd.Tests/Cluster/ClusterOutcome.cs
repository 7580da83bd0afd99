using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>The end state every cluster run must reach, whatever was killed, stopped or restarted on the way.</summary>
public static class ClusterOutcome
{
    /// <summary>
    /// Asserts: every scene staged and every product (water-bodies and NDVI) completed; exactly one
    /// catalog item per scene and product and one COG and quicklook per product in S3; each product
    /// computed once, except at most <paramref name="maxInterrupted"/> that a kill interrupted; the log
    /// agrees with the counts; nothing in an error queue and every queue drained. Returns a summary.
    /// </summary>
    public static async Task<string> AssertEveryProductOnceAsync(
        ClusterServices services, string tenant, int acquisitions, IReadOnlyList<SiloProcess> silos, int maxInterrupted)
    {
        var database = new ClusterDatabase(ClusterServices.ConnectionString(tenant));
        using var s3 = ClusterServices.S3Client();
        var products = acquisitions * 2;

        Assert.Equal(new Dictionary<string, long> { ["staged"] = acquisitions }, await database.CountByStatusAsync("scene"));
        Assert.Equal(new Dictionary<string, long> { ["completed"] = products }, await database.CountByStatusAsync("product"));

        Assert.Equal(new Dictionary<string, long> { ["scenes"] = acquisitions, ["water-bodies"] = acquisitions, ["ndvi"] = acquisitions },
            await database.CatalogCountsAsync());
        var productKeys = await ClusterServices.ListKeysAsync(s3, tenant, "products/");
        Assert.Equal(products * 2, productKeys.Count);
        Assert.Equal(products, productKeys.Count(k => k.EndsWith(".tif", StringComparison.Ordinal)));
        Assert.Equal(products, productKeys.Count(k => k.EndsWith(".png", StringComparison.Ordinal)));
        Assert.Equal(acquisitions * 3, (await ClusterServices.ListKeysAsync(s3, tenant, "scenes/")).Count);

        var states = await database.ProductsAsync();
        Assert.All(states, p => Assert.InRange(p.Computations, 1, 2));
        var twice = states.Where(p => p.Computations == 2).Select(p => p.Key).ToList();
        Assert.True(twice.Count <= maxInterrupted, $"products computed twice: {string.Join(", ", twice)}");
        var computingLines = silos.Sum(s => s.OutputLines.Count(l => l.Contains("Computing ", StringComparison.Ordinal)));
        Assert.Equal(states.Sum(p => p.Computations), computingLines);

        // Nothing failed into an error queue; duplicates of finished work (repeated acquisitions) drain as no-ops.
        var queues = await services.QueuesAsync(tenant);
        Assert.Contains(queues, q => q.Name == "product-grain");
        Assert.All(queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) || q.Name.EndsWith("_skipped", StringComparison.Ordinal)),
            q => Assert.True(q.Messages == 0, $"queue {q.Name} holds {q.Messages} messages"));
        await Eventually.TrueAsync("every queue to drain", TimeSpan.FromSeconds(60),
            async _ => (await services.QueuesAsync(tenant)).All(q => q.Messages == 0));
        Assert.Equal(new Dictionary<string, long> { ["completed"] = products }, await database.CountByStatusAsync("product"));

        var bySilo = states.GroupBy(p => p.ComputedBy ?? "?").OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        var handOvers = silos.SelectMany(s => s.OutputLines).Where(l => l.Contains("Handed over", StringComparison.Ordinal)).ToList();
        var leftAlone = silos.Sum(s => s.OutputLines.Count(l => l.Contains("leaving it there", StringComparison.Ordinal)));
        return $"products by silo: {string.Join(", ", bySilo)}; computed twice: {twice.Count} ({string.Join(", ", twice)}); " +
               $"duplicates left to a live owner: {leftAlone}; hand-overs: {string.Join(" | ", handOvers.Select(l => l.Trim()))}";
    }

    /// <summary>How many silos computed products.</summary>
    public static async Task<int> ComputingSilosAsync(string tenant) =>
        (await new ClusterDatabase(ClusterServices.ConnectionString(tenant)).ProductsAsync()).Select(p => p.ComputedBy).Distinct().Count();
}
