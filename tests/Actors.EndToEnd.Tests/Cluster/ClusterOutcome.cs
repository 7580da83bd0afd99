using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>The end state every cluster run must reach, whatever was killed, stopped or restarted on the way.</summary>
public static class ClusterOutcome
{
    // The product grain's log line, written once each time a computation starts.
    private const string ComputingMarker = ", computation #";

    /// <summary>
    /// Asserts: every scene staged and every product (water-bodies and NDVI) completed; exactly one
    /// catalog item per scene and product and one COG and quicklook per product in S3; each product
    /// computed once, except at most <paramref name="maxInterrupted"/> that a kill interrupted; the log
    /// agrees with the counts; and, within a minute, no reminder left (no grain still holds work).
    /// Returns a summary: products by silo, the ones computed twice and how long the reminders took to go.
    /// </summary>
    public static Task<string> AssertEveryProductOnceAsync(
        string tenant, int acquisitions, IReadOnlyList<SiloProcess> silos, int maxInterrupted) =>
        AssertEveryProductOnceAsync(tenant, acquisitions, silos.SelectMany(s => s.OutputLines).ToList(), maxInterrupted);

    /// <summary>The same, with the silos' output lines (of every run) given directly.</summary>
    public static async Task<string> AssertEveryProductOnceAsync(
        string tenant, int acquisitions, IReadOnlyList<string> outputLines, int maxInterrupted)
    {
        var database = new ClusterDatabase(ClusterServices.ConnectionString(tenant));
        using var s3 = ClusterServices.S3Client();
        var products = acquisitions * 2;

        Assert.Equal(new Dictionary<string, long> { ["staged"] = acquisitions }, await database.CountByStatusAsync(ClusterDatabase.Scenes));
        Assert.Equal(new Dictionary<string, long> { ["completed"] = products }, await database.CountByStatusAsync(ClusterDatabase.Products));

        Assert.Equal(new Dictionary<string, long> { ["scenes"] = acquisitions, ["water-bodies"] = acquisitions, ["ndvi"] = acquisitions },
            await database.CatalogCountsAsync());
        var productKeys = await ClusterServices.ListKeysAsync(s3, tenant, "products/");
        Assert.Equal(products * 2, productKeys.Count);
        Assert.Equal(products, productKeys.Count(k => k.EndsWith(".tif", StringComparison.Ordinal)));
        Assert.Equal(products, productKeys.Count(k => k.EndsWith(".png", StringComparison.Ordinal)));
        Assert.Equal(acquisitions * 3, (await ClusterServices.ListKeysAsync(s3, tenant, "scenes/")).Count);

        var states = await database.ProductsAsync();
        Assert.All(states, p => Assert.InRange(p.Computations, 1, 2));
        var twice = states.Where(p => p.Computations == 2).Select(p => $"{p.Key} (last on {p.ComputedBy})").ToList();
        Assert.True(twice.Count <= maxInterrupted, $"{twice.Count} products computed twice, at most {maxInterrupted} expected: {string.Join(", ", twice)}");
        var computingLines = outputLines.Count(l => l.Contains(ComputingMarker, StringComparison.Ordinal));
        // Every computation logs one line as it starts, but a SIGKILL can take the killed silo's last, still
        // buffered console lines with it: at most the lines of the computations it interrupted (those computed twice).
        Assert.InRange(computingLines, states.Sum(p => p.Computations) - twice.Count, states.Sum(p => p.Computations));

        // A grain drops its reminder only after its last step (a product's result announced, a scene's products
        // handed over) is stored, which can trail the completed status by a moment or by a reminder period.
        var draining = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await Eventually.TrueAsync("every reminder to be dropped", TimeSpan.FromSeconds(60),
                async _ => (await database.OpenRemindersAsync()).Count == 0);
        }
        catch (TimeoutException e)
        {
            var left = await database.OpenRemindersAsync();
            throw new TimeoutException($"{e.Message} {left.Count} left: {string.Join(", ", left.Take(20).Select(r => $"{r.GrainId} {r.Name}"))}", e);
        }
        var drained = draining.Elapsed;
        // Nothing the reminders resumed in the meantime changed a finished product.
        Assert.Equal(new Dictionary<string, long> { ["completed"] = products }, await database.CountByStatusAsync(ClusterDatabase.Products));
        Assert.Equal(states.Sum(p => p.Computations), (await database.ProductsAsync()).Sum(p => p.Computations));

        var bySilo = states.GroupBy(p => p.ComputedBy ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}");
        return $"products by silo: {string.Join(", ", bySilo)}; computed twice: {twice.Count}" +
               (twice.Count == 0 ? "" : $" ({string.Join(", ", twice)})") +
               $"; reminders gone {drained.TotalSeconds:0.0} s after the outcome was checked";
    }

    /// <summary>How many silos computed products.</summary>
    public static async Task<int> ComputingSilosAsync(string tenant) =>
        (await new ClusterDatabase(ClusterServices.ConnectionString(tenant)).ProductsAsync()).Select(p => p.ComputedBy).Distinct().Count();
}
