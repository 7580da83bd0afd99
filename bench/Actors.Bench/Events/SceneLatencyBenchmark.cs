using System.Diagnostics;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Products;
using Actors.Bench.Cluster;
using Actors.Processing.Samples;
using Orleans.Streams;

namespace Actors.Bench.Events;

/// <summary>Figures of one batch of fresh scenes.</summary>
/// <param name="Scenes">Scenes published.</param>
/// <param name="Seconds">From the first publish until the last scene's last product result arrived.</param>
/// <param name="PublishReply">Publish call start to its reply (the scene grain committed the acquisition).</param>
/// <param name="ByStream">Publish call start to the arrival of the scene's last product result on the <c>results</c> stream.</param>
/// <param name="ByPolling">
/// Publish call start to the reply of the first <c>GET /api/scenes/{id}</c> showing every product completed with its
/// STAC item; null when the batch was not polled.
/// </param>
/// <param name="Problems">Scenes that failed, timed out, or whose products were not completed once each.</param>
/// <param name="Timeline">Each finished scene's times, in milliseconds from the start of the batch, to place outliers.</param>
public sealed record SceneBatchFigures(
    int Scenes, double Seconds, LatencySummary PublishReply, LatencySummary ByStream, LatencySummary? ByPolling, IReadOnlyList<string> Problems,
    IReadOnlyList<SceneTimeline> Timeline)
{
    /// <summary>Scenes finished per second over the batch.</summary>
    public double ScenesPerSecond => Scenes / Seconds;
}

/// <summary>One scene's times in milliseconds from the start of its batch (polled is 0 when it was not polled).</summary>
public sealed record SceneTimeline(string SceneId, double PublishStartMs, double PublishReplyMs, double PolledAtMs, double StreamedAtMs);

/// <summary>
/// Time from an acquisition event to its products being registered, timed from the start of the publish call. Two
/// observers: the Orleans client's subscription to the scene's <c>results</c> stream (made before anything is
/// published, so subscribing is not timed), whose last product result the product grain sends after the product is
/// stored, its STAC item upserted and its state saved; and, when asked, polling of the scene's status over HTTP.
/// Memory streams are pulled from their queues every 100 ms, so the stream may deliver up to that much after the
/// state is visible; polling every 20 ms bounds its own error by the interval plus one request, but adds load, so it
/// is used for the paced batch only.
/// </summary>
public static class SceneLatencyBenchmark
{
    private static readonly TimeSpan SceneTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Publishes <paramref name="scenes"/> over HTTP (round-robin over the silos), one every <paramref name="interval"/>
    /// (open loop: the schedule does not wait for earlier scenes), or all at once when the interval is zero. With a
    /// <paramref name="pollInterval"/>, each scene's status is also polled from its publish reply on.
    /// </summary>
    public static async Task<SceneBatchFigures> RunAsync(
        BenchCluster cluster, IReadOnlyList<SampleScene> scenes, TimeSpan interval, TimeSpan? pollInterval, CancellationToken cancellationToken)
    {
        var tracked = scenes.Select(s => new TrackedScene(s)).ToArray();
        var subscriptions = new List<StreamSubscriptionHandle<ProductResult>>();
        // Subscribing writes the stream's pub-sub state; done for every scene up front, it stays out of the timed window.
        foreach (var scene in tracked)
            subscriptions.Add(await cluster.OrleansClient.SubscribeToResultsAsync(scene.Sample.ItemId, scene.OnResultAsync));
        try
        {
            var origin = Stopwatch.GetTimestamp();
            await Task.WhenAll(tracked.Select((scene, i) => RunOneAsync(cluster, scene, i, interval * i, pollInterval, origin, cancellationToken)));
            var problems = new List<string>();
            foreach (var scene in tracked)
            {
                if (scene.Problem is { } problem) problems.Add($"{scene.Sample.ItemId}: {problem}");
                else if (await CheckRegisteredOnceAsync(cluster, scene.Sample.ItemId, cancellationToken) is { } wrong) problems.Add(wrong);
            }
            foreach (var problem in problems) Console.Error.WriteLine($"ERROR: {problem}");
            var finished = tracked.Where(s => s.Problem is null).ToArray();
            return new SceneBatchFigures(
                scenes.Count,
                finished.Length == 0 ? double.NaN : finished.Max(s => s.StreamedAtMs) / 1000,
                LatencySummary.Of(finished.Select(s => s.PublishReplyMs).ToArray()),
                LatencySummary.Of(finished.Select(s => s.StreamedAtMs - s.PublishStartMs).ToArray()),
                pollInterval is null ? null : LatencySummary.Of(finished.Select(s => s.PolledAtMs - s.PublishStartMs).ToArray()),
                problems,
                finished.Select(s => new SceneTimeline(s.Sample.ItemId, s.PublishStartMs, s.PublishReplyMs, s.PolledAtMs, s.StreamedAtMs)).ToArray());
        }
        finally
        {
            foreach (var subscription in subscriptions) await subscription.UnsubscribeAsync();
        }
    }

    private static async Task RunOneAsync(
        BenchCluster cluster, TrackedScene scene, int index, TimeSpan startAt, TimeSpan? pollInterval, long origin, CancellationToken cancellationToken)
    {
        double Now() => Stopwatch.GetElapsedTime(origin).TotalMilliseconds;
        var wait = startAt - Stopwatch.GetElapsedTime(origin);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
        var http = cluster.Http(index);
        scene.PublishStartMs = Now();
        try
        {
            var reply = await http.PublishAsync(new AcquisitionRequest { ItemHref = scene.Sample.ItemPath }, cancellationToken);
            scene.PublishReplyMs = Now() - scene.PublishStartMs;
            if (reply.AlreadyKnown) scene.Problem = "the silo already knew this fresh scene";
            if (pollInterval is { } every)
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(SceneTimeout);
                while (!IsRegistered(await http.GetSceneAsync(reply.SceneId, deadline.Token)))
                    await Task.Delay(every, deadline.Token);
                scene.PolledAtMs = Now();
            }
            var streamedAt = await scene.Streamed.Task.WaitAsync(SceneTimeout, cancellationToken);
            scene.StreamedAtMs = Stopwatch.GetElapsedTime(origin, streamedAt).TotalMilliseconds;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            scene.Problem ??= $"{e.GetType().Name}: {e.Message}";
        }
    }

    // Finished, failed or not: a failed product ends the polling, and the check after the batch reports it.
    private static bool IsRegistered(SceneStatus status) =>
        status.IsFinished && (status.HasFailures || status.Products.All(p => p.StacItemUrl is not null));

    // The results stream says the products are done; the scene's status must agree, with each product computed once.
    private static async Task<string?> CheckRegisteredOnceAsync(BenchCluster cluster, string sceneId, CancellationToken cancellationToken)
    {
        var status = await cluster.Http(0).GetSceneAsync(sceneId, cancellationToken);
        return status.Products.All(p => p is { State: ProductStates.Completed, Computations: 1, StacItemUrl: not null })
            ? null
            : $"{sceneId} ended with {DuplicateEventsBenchmark.Describe(status.Products)}";
    }

    /// <summary>One scene's timeline; the stream handler completes <see cref="Streamed"/> with the timestamp of the last product.</summary>
    private sealed class TrackedScene(SampleScene sample)
    {
        private readonly HashSet<string> _completed = new(StringComparer.Ordinal);

        public SampleScene Sample { get; } = sample;

        public TaskCompletionSource<long> Streamed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public double PublishStartMs { get; set; }

        public double PublishReplyMs { get; set; }

        public double PolledAtMs { get; set; }

        public double StreamedAtMs { get; set; }

        public string? Problem { get; set; }

        public Task OnResultAsync(ProductResult result)
        {
            // Stamped on arrival, before anything else runs, so continuations scheduling later do not inflate the figure.
            var now = Stopwatch.GetTimestamp();
            lock (_completed)
            {
                if (result.State == ProductStates.Failed)
                    Streamed.TrySetException(new InvalidOperationException($"{result.Product} failed: {result.Reason}"));
                else if (_completed.Add(result.Product) && ProductNames.All.All(_completed.Contains))
                    Streamed.TrySetResult(now);
            }
            return Task.CompletedTask;
        }
    }
}
