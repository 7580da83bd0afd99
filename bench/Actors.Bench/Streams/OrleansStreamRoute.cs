using Actors.Abstractions.Api;
using Actors.Abstractions.Products;
using Actors.Bench.Cluster;
using Orleans.Streams;

namespace Actors.Bench.Streams;

/// <summary>
/// The embedded default's stream: the Orleans client enqueues each acquisition (validated by the intake grain, then
/// put on the scene's <c>acquisitions</c> memory stream) and subscribes to each scene's <c>results</c> stream.
/// </summary>
public sealed class OrleansStreamRoute(BenchCluster cluster, int parallelism) : IEventRoute
{
    private readonly List<StreamSubscriptionHandle<ProductResult>> _subscriptions = [];

    /// <inheritdoc />
    public string Description => $"Orleans client `EnqueueAsync` ({parallelism} in flight) onto the `acquisitions` memory stream; results from the `results` stream";

    /// <inheritdoc />
    public ResultBoard Results { get; } = new();

    /// <inheritdoc />
    public async Task WatchAsync(IReadOnlyCollection<string> sceneIds, CancellationToken cancellationToken)
    {
        foreach (var sceneId in sceneIds)
        {
            Results.Expect(sceneId);
            _subscriptions.Add(await cluster.OrleansClient.SubscribeToResultsAsync(sceneId, result =>
            {
                Results.Record(result.SceneId, result.Product, result.State, result.Reason, BenchClock.NowMs());
                return Task.CompletedTask;
            }));
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<double>> SendAsync(IReadOnlyList<(string ItemPath, string? JobId)> events, CancellationToken cancellationToken)
    {
        var sentAt = new double[events.Count];
        var loop = await ConcurrentLoop.RunAsync(events.Count, parallelism, async (i, ct) =>
        {
            sentAt[i] = BenchClock.NowMs();
            await cluster.OrleansClient.EnqueueAsync(new AcquisitionRequest { ItemHref = events[i].ItemPath, JobId = events[i].JobId }, ct);
            return null;
        }, cancellationToken);
        if (loop.Unexpected > 0) throw new InvalidOperationException($"{loop.Unexpected} of {events.Count} enqueues failed; first: {loop.FirstUnexpected}");
        return sentAt;
    }

    /// <inheritdoc />
    public Task WaitDeliveredAsync(CancellationToken cancellationToken) => Task.CompletedTask; // memory streams report no lag

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions) await subscription.UnsubscribeAsync();
    }
}
