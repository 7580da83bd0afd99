using Actors.Abstractions.Api;
using Actors.Bench.Cluster;
using Actors.Processing.Samples;

namespace Actors.Bench.Events;

/// <summary>Duplicate-event figures of one run.</summary>
/// <param name="SceneId">The scene every duplicate named.</param>
/// <param name="HealthCeiling"><c>GET /health</c> through the same HTTP clients and parallelism: the HTTP stack's own ceiling.</param>
/// <param name="Http">Duplicate publishes through the HTTP API, spread round-robin over the silos.</param>
/// <param name="Orleans">Duplicate publishes through the Orleans client (its gateways spread them).</param>
/// <param name="WarmUpUnexpected">Warm-up calls (not timed) that failed or were not answered <c>alreadyKnown</c>.</param>
/// <param name="IdleSiloCpuCores">Cores the silos kept busy while idle (membership, stream pulling agents, the dashboard), measured before the loops.</param>
/// <param name="HealthSiloCpuMs">Silo CPU time (all silos, user + system, idle use taken out) per <c>GET /health</c>, in milliseconds.</param>
/// <param name="HttpSiloCpuMs">Silo CPU time per duplicate over HTTP, in milliseconds.</param>
/// <param name="OrleansSiloCpuMs">Silo CPU time per duplicate through the Orleans client, in milliseconds.</param>
/// <param name="ProductsAfter">Each product's state and computation count after all duplicates.</param>
public sealed record DuplicateFigures(
    string SceneId, LoopFigures HealthCeiling, LoopFigures Http, LoopFigures Orleans, int WarmUpUnexpected, double IdleSiloCpuCores, double HealthSiloCpuMs, double HttpSiloCpuMs, double OrleansSiloCpuMs,
    IReadOnlyList<ProductStatus> ProductsAfter)
{
    /// <summary>True when every product is completed and was computed once: the duplicates started no work.</summary>
    public bool ComputedOnce => ProductsAfter.All(p => p is { State: ProductStates.Completed, Computations: 1 });
}

/// <summary>
/// How fast the system recognises an acquisition it already has: one scene is published and finished, then the
/// same acquisition is published again and again, concurrently. Every reply must say <c>alreadyKnown</c>, and the
/// products must still have been computed once.
/// </summary>
public static class DuplicateEventsBenchmark
{
    /// <summary>Unmeasured calls of each kind before the timed loops: JIT, connection pools and grain activations warm up.</summary>
    private const int WarmUpCalls = 500;

    /// <summary>Unmeasured calls of each kind a run makes before its timed loops.</summary>
    public static int WarmUpCallsFor(EventsOptions options) => Math.Min(WarmUpCalls, options.Duplicates);

    /// <summary>How long the silos' idle CPU use is measured before the loops.</summary>
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Pause after the warm-up: a silo keeps a core busy for about 5 s after its first burst of calls (tier-1
    /// recompilation of the hot paths, garbage collection), then idles at about 5% of a core.
    /// </summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(10);

    /// <summary>Runs the three loops (health ceiling, HTTP duplicates, Orleans duplicates) and checks the products.</summary>
    public static async Task<DuplicateFigures> RunAsync(BenchCluster cluster, SampleScene scene, EventsOptions options, CancellationToken cancellationToken)
    {
        var request = new AcquisitionRequest { ItemHref = scene.ItemPath };
        var first = await cluster.Http(0).PublishAsync(request, cancellationToken);
        var finished = await cluster.Http(0).WaitForSceneAsync(first.SceneId, TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
        if (finished.HasFailures) throw new InvalidOperationException($"The first publish of {first.SceneId} failed: {Describe(finished.Products)} {finished.Reason}");
        Console.WriteLine($"scene {first.SceneId} finished: {Describe(finished.Products)}");

        string? Duplicate(AcquisitionResponse reply) =>
            reply.AlreadyKnown && reply.SceneId == first.SceneId ? null : $"reply {reply} is not a known {first.SceneId}";
        async Task<string?> Health(int i, CancellationToken ct) => await cluster.Http(i).HealthAsync(ct) ? null : "GET /health failed";
        async Task<string?> OverHttp(int i, CancellationToken ct) => Duplicate(await cluster.Http(i).PublishAsync(request, ct));
        async Task<string?> OverOrleans(int i, CancellationToken ct) => Duplicate(await cluster.OrleansClient.PublishAsync(request, ct));

        // Every path warmed up first (JIT, connection pools, activations), and the runtime's background recompilation
        // given time to settle, so the idle figure is the silos' steady idle use and the loops time steady calls.
        var warmUpUnexpected = 0;
        foreach (var call in new[] { Health, OverHttp, OverOrleans })
        {
            var warmUp = await ConcurrentLoop.RunAsync(WarmUpCallsFor(options), options.Parallelism, call, cancellationToken);
            if (warmUp.Unexpected > 0) Console.Error.WriteLine($"ERROR: {warmUp.Unexpected} warm-up calls were not as expected; first: {warmUp.FirstUnexpected}");
            warmUpUnexpected += warmUp.Unexpected;
        }
        await Task.Delay(SettleTime, cancellationToken);
        // Silos use CPU when nothing happens; per-call figures take that out, so they are what a call costs.
        var idleBefore = cluster.SiloCpuTime;
        await Task.Delay(IdleWindow, cancellationToken);
        var idleCores = (cluster.SiloCpuTime - idleBefore) / IdleWindow;
        Console.WriteLine($"  silos idle: {idleCores:F3} cores busy");

        var health = await TimedAsync("GET /health ceiling", Health, cluster, options, idleCores, cancellationToken);
        var http = await TimedAsync("duplicates over HTTP", OverHttp, cluster, options, idleCores, cancellationToken);
        var orleans = await TimedAsync("duplicates through the Orleans client", OverOrleans, cluster, options, idleCores, cancellationToken);

        var after = await cluster.Http(0).GetSceneAsync(first.SceneId, cancellationToken);
        var figures = new DuplicateFigures(first.SceneId, health.Loop, http.Loop, orleans.Loop, warmUpUnexpected, idleCores, health.SiloCpuMs, http.SiloCpuMs, orleans.SiloCpuMs, after.Products);
        if (!figures.ComputedOnce)
            Console.Error.WriteLine($"ERROR: after the duplicates, {first.SceneId} has {Describe(after.Products)}: a duplicate started work again.");
        return figures;
    }

    private static async Task<(LoopFigures Loop, double SiloCpuMs)> TimedAsync(
        string name, Func<int, CancellationToken, Task<string?>> call, BenchCluster cluster, EventsOptions options, double idleCores,
        CancellationToken cancellationToken)
    {
        var cpuBefore = cluster.SiloCpuTime;
        var loop = await ConcurrentLoop.RunAsync(options.Duplicates, options.Parallelism, call, cancellationToken);
        var siloCpuMs = ((cluster.SiloCpuTime - cpuBefore).TotalMilliseconds - idleCores * loop.Seconds * 1000) / loop.Calls;
        Console.WriteLine($"  {name}: {loop.PerSecond:F0}/s, p50 {loop.Latency.P50:F1} ms, p99 {loop.Latency.P99:F1} ms, silo CPU {siloCpuMs:F2} ms/call"
            + (loop.Unexpected > 0 ? $", {loop.Unexpected} UNEXPECTED (first: {loop.FirstUnexpected})" : ""));
        if (loop.Unexpected > 0) Console.Error.WriteLine($"ERROR: {loop.Unexpected} of {loop.Calls} {name} were not as expected; first: {loop.FirstUnexpected}");
        return (loop, siloCpuMs);
    }

    internal static string Describe(IEnumerable<ProductStatus> products) =>
        string.Join(", ", products.Select(p => $"{p.Product} {p.State} ×{p.Computations}"));
}
