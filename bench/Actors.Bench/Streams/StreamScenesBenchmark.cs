using Actors.Abstractions.Api;
using Actors.Bench.Cluster;
using Actors.Bench.Events;
using Actors.Processing.Samples;

namespace Actors.Bench.Streams;

/// <summary>Figures of one batch of fresh scenes sent through the stream.</summary>
/// <param name="Scenes">Scenes sent.</param>
/// <param name="Seconds">From the first send until the last product's result entry.</param>
/// <param name="Latency">Each scene's event (sent) to its last product's result entry.</param>
/// <param name="Problems">Scenes that failed or timed out, whose products were not completed once each, or that had repeated result entries.</param>
public sealed record StreamSceneFigures(int Scenes, double Seconds, LatencySummary Latency, IReadOnlyList<string> Problems)
{
    /// <summary>Fresh scenes (events) per second through the stream until their products' result entries.</summary>
    public double ScenesPerSecond => Scenes / Seconds;
}

/// <summary>
/// Fresh acquisitions through the stream: each scene is staged, its two products computed, stored and registered,
/// and a result entry written per product. Sent all at once (throughput) or one every interval (latency; open loop,
/// the schedule does not wait for earlier scenes).
/// </summary>
public static class StreamScenesBenchmark
{
    private static readonly TimeSpan SceneTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Sends <paramref name="scenes"/>, all at once when <paramref name="interval"/> is zero, and waits for every result.</summary>
    public static async Task<StreamSceneFigures> RunAsync(
        BenchCluster cluster, IEventRoute route, IReadOnlyList<SampleScene> scenes, TimeSpan interval, CancellationToken cancellationToken)
    {
        await route.WatchAsync(scenes.Select(s => s.ItemId).ToArray(), cancellationToken);
        var start = BenchClock.NowMs();
        double[] sentAt;
        if (interval == TimeSpan.Zero)
            sentAt = [.. await route.SendAsync(scenes.Select(s => (s.ItemPath, (string?)null)).ToArray(), cancellationToken)];
        else
        {
            sentAt = new double[scenes.Count];
            for (var i = 0; i < scenes.Count; i++)
            {
                var wait = TimeSpan.FromMilliseconds(start + i * interval.TotalMilliseconds - BenchClock.NowMs());
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
                sentAt[i] = (await route.SendAsync([(scenes[i].ItemPath, null)], cancellationToken))[0];
            }
        }

        var problems = new List<string>();
        var latencies = new List<double>();
        var lastResult = start;
        for (var i = 0; i < scenes.Count; i++)
        {
            var sceneId = scenes[i].ItemId;
            try
            {
                var doneAt = await route.Results.DoneAsync(sceneId).WaitAsync(SceneTimeout, cancellationToken);
                latencies.Add(doneAt - sentAt[i]);
                lastResult = Math.Max(lastResult, doneAt);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                problems.Add($"{sceneId}: {e.Message}");
            }
        }
        // Every scene registered once with each product computed once; one result entry per product (no silo died).
        foreach (var scene in scenes)
        {
            var status = await cluster.Http(0).GetSceneAsync(scene.ItemId, cancellationToken);
            if (!status.Products.All(p => p is { State: ProductStates.Completed, Computations: 1, StacItemUrl: not null }))
                problems.Add($"{scene.ItemId} ended with {DuplicateEventsBenchmark.Describe(status.Products)}");
            if (route.Results.Repeated(scene.ItemId) is { Count: > 0 } repeated)
                problems.Add($"{scene.ItemId} had result entries {string.Join(", ", repeated)}");
        }
        foreach (var problem in problems) Console.Error.WriteLine($"ERROR: {problem}");
        return new StreamSceneFigures(scenes.Count, (lastResult - start) / 1000, LatencySummary.Of(latencies), problems);
    }
}
