using System.Diagnostics;
using Actors.Abstractions.Api;
using Actors.Bench.Cluster;
using Actors.Bench.Events;
using Actors.Client;
using Actors.Processing.Samples;

namespace Actors.Bench.Streams;

/// <summary>Duplicate events through the stream.</summary>
/// <param name="Events">Duplicates sent.</param>
/// <param name="Scenes">Known scenes they were spread over.</param>
/// <param name="Seconds">From the first send until every duplicate had reached its scene grain.</param>
/// <param name="IdleSiloCpuCores">Cores the silos kept busy while idle (membership, stream pulling agents), measured just before.</param>
/// <param name="SiloCpuMs">Silo CPU time (all silos, user + system, idle use taken out) per duplicate, in milliseconds.</param>
/// <param name="PeerName">What the peer measured.</param>
/// <param name="PeerPerSecond">The peer's messages per second, measured in the same run.</param>
/// <param name="Recomputed">Known scenes whose products were not still completed and computed once afterwards.</param>
public sealed record StreamDuplicateFigures(
    int Events, int Scenes, double Seconds, double IdleSiloCpuCores, double SiloCpuMs, string PeerName, double PeerPerSecond, IReadOnlyList<string> Recomputed)
{
    /// <summary>Duplicates per second through the stream to the scene grains.</summary>
    public double PerSecond => Events / Seconds;
}

/// <summary>
/// How fast the stream carries acquisitions the system already has to their scene grains (which recognise them and
/// start no work). The end is seen two ways: after the duplicates, one more acquisition per scene carries a job id,
/// and the job grains hear of their scene only when the scene grain took it, which is after every duplicate before it
/// on that scene's stream; for Redis, also until no entry is pending or unread on any key (entries are acknowledged
/// only after delivery).
/// </summary>
public static class StreamDuplicatesBenchmark
{
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);

    /// <summary>Sends the duplicates over <paramref name="known"/> (finished scenes), waits for their delivery, checks nothing was recomputed.</summary>
    public static async Task<StreamDuplicateFigures> RunAsync(
        BenchCluster cluster, IEventRoute route, IReadOnlyList<SampleScene> known, StreamsOptions options, CancellationToken cancellationToken)
    {
        var duplicates = Enumerable.Range(0, options.Duplicates).Select(i => (known[i % known.Count].ItemPath, (string?)null)).ToArray();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var markers = known.Select((scene, i) => (scene.ItemPath, (string?)$"bench-dup-{runId}-{i}")).ToArray();

        // Silos use CPU when nothing happens (stream queues are polled); the per-event figure leaves that out.
        var idleBefore = cluster.SiloCpuTime;
        await Task.Delay(IdleWindow, cancellationToken);
        var idleCores = (cluster.SiloCpuTime - idleBefore) / IdleWindow;

        var cpuBefore = cluster.SiloCpuTime;
        var clock = Stopwatch.StartNew();
        await route.SendAsync(duplicates, cancellationToken);
        await route.SendAsync(markers, cancellationToken);
        // One job at a time: polling them all at once would load the silos during the measurement.
        foreach (var marker in markers) await WaitForJobAsync(cluster.Http(0), marker.Item2!, cancellationToken);
        await route.WaitDeliveredAsync(cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        // The markers are events too; they are few (one per scene) beside the duplicates.
        var siloCpuMs = ((cluster.SiloCpuTime - cpuBefore).TotalMilliseconds - idleCores * seconds * 1000) / (duplicates.Length + markers.Length);
        Console.WriteLine($"  {duplicates.Length} duplicates over {known.Count} scenes delivered in {seconds:F2} s: {duplicates.Length / seconds:F0}/s, "
            + $"silo CPU {siloCpuMs:F2} ms/event (idle {idleCores:F2} cores taken out)");

        var (peerName, peerPerSecond) = await PeerAsync(cluster, route, duplicates, options, cancellationToken);
        Console.WriteLine($"  peer, {peerName}: {peerPerSecond:F0}/s");

        var recomputed = new List<string>();
        foreach (var scene in known)
        {
            var status = await cluster.Http(0).GetSceneAsync(scene.ItemId, cancellationToken);
            if (!status.Products.All(p => p is { State: ProductStates.Completed, Computations: 1 }))
                recomputed.Add($"{scene.ItemId}: {DuplicateEventsBenchmark.Describe(status.Products)}");
        }
        foreach (var problem in recomputed) Console.Error.WriteLine($"ERROR: after the duplicates, {problem}");
        return new StreamDuplicateFigures(duplicates.Length, known.Count, seconds, idleCores, siloCpuMs, peerName, peerPerSecond, recomputed);
    }

    // Redis: the same messages through Redis alone. Memory streams: the same duplicates as direct grain calls through
    // the Orleans client, which skips the stream.
    private static async Task<(string Name, double PerSecond)> PeerAsync(
        BenchCluster cluster, IEventRoute route, IReadOnlyList<(string ItemPath, string? JobId)> duplicates, StreamsOptions options, CancellationToken cancellationToken)
    {
        if (route is RedisStreamRoute redis)
            return ("Redis alone: `XADD`, then `XREADGROUP` 64 at a time and `XACK`, one consumer", await RedisAlonePeer.RunAsync(redis.Database, duplicates.Select(d => d.ItemPath).ToArray(), cancellationToken));
        var loop = await ConcurrentLoop.RunAsync(duplicates.Count, options.Parallelism, async (i, ct) =>
        {
            var reply = await cluster.OrleansClient.PublishAsync(new AcquisitionRequest { ItemHref = duplicates[i].ItemPath }, ct);
            return reply.AlreadyKnown ? null : $"{reply.SceneId} was not known";
        }, cancellationToken);
        if (loop.Unexpected > 0) throw new InvalidOperationException($"{loop.Unexpected} direct publishes were not duplicates; first: {loop.FirstUnexpected}");
        return ($"the same duplicates as direct grain calls (Orleans client `PublishAsync`, {options.Parallelism} in flight, no stream)", loop.PerSecond);
    }

    private static async Task WaitForJobAsync(SiloClient http, string jobId, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(5));
        while (true)
        {
            try
            {
                await http.GetJobAsync(jobId, deadline.Token);
                return;
            }
            catch (SiloApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
        }
    }
}
