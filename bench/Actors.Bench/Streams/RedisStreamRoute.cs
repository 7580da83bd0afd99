using Actors.Bench.Cluster;
using StackExchange.Redis;

namespace Actors.Bench.Streams;

/// <summary>
/// Redis Streams as an outside producer and consumer use them: acquisitions are <c>XADD</c>ed to the
/// <c>acquisitions</c> key (pipelined, as a producer with many events would), results are read from the
/// <c>results</c> and <c>failures</c> keys. Times are the entries' ids (the Redis server's clock, in milliseconds): an event's time is
/// its ingress entry's, a result's its result entry's, so no polling interval enters the figures.
/// </summary>
public sealed class RedisStreamRoute : IEventRoute
{
    private const string IngressKey = "acquisitions";
    private const string ResultsKey = "results";
    private const string FailuresKey = "failures";
    private static readonly TimeSpan ReadPause = TimeSpan.FromMilliseconds(5);

    private readonly BenchCluster _cluster;
    private readonly ConnectionMultiplexer _redis;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    private RedisStreamRoute(BenchCluster cluster, ConnectionMultiplexer redis)
    {
        (_cluster, _redis) = (cluster, redis);
        _reader = Task.Run(() => ReadResultsAsync(_stop.Token));
    }

    /// <inheritdoc />
    public string Description => "`XADD acquisitions` (pipelined, StackExchange.Redis) from outside; results read from the `results` key";

    /// <inheritdoc />
    public ResultBoard Results { get; } = new();

    /// <summary>The benchmark's own connection to the cluster's Redis.</summary>
    public IDatabase Database => _redis.GetDatabase();

    /// <summary>Connects to the cluster's Redis and starts reading the results key from its start.</summary>
    public static async Task<RedisStreamRoute> ConnectAsync(BenchCluster cluster)
    {
        var services = cluster.Services ?? throw new InvalidOperationException("Redis streams need the cluster services.");
        return new RedisStreamRoute(cluster, await ConnectionMultiplexer.ConnectAsync(services.RedisEndpoint));
    }

    /// <inheritdoc />
    public Task WatchAsync(IReadOnlyCollection<string> sceneIds, CancellationToken cancellationToken)
    {
        foreach (var sceneId in sceneIds) Results.Expect(sceneId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<double>> SendAsync(IReadOnlyList<(string ItemPath, string? JobId)> events, CancellationToken cancellationToken)
    {
        var db = Database;
        var adds = events.Select(e => db.StreamAddAsync(IngressKey, e.JobId is null
            ? [new NameValueEntry("item", e.ItemPath)]
            : [new NameValueEntry("item", e.ItemPath), new NameValueEntry("job", e.JobId)])).ToArray();
        var ids = await Task.WhenAll(adds).WaitAsync(cancellationToken);
        return ids.Select(id => BenchClock.OfEntryId(id.ToString())).ToArray();
    }

    /// <summary>
    /// Waits until the ingress key and every queue key of the provider have nothing pending or unread: the provider
    /// acknowledges an entry only after the scene grain took it, so every event sent has reached its grain.
    /// </summary>
    public async Task WaitDeliveredAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var report = await _cluster.OrleansClient.GetStreamsAsync(cancellationToken);
            if (report.Keys.All(k => k is { Pending: 0, Unread: 0 })) return;
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <summary>Entries of <paramref name="key"/> (dead letters, results) so far.</summary>
    public Task<long> LengthAsync(string key) => Database.StreamLengthAsync(key);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
        }
        await _redis.DisposeAsync();
        _stop.Dispose();
    }

    // StackExchange.Redis multiplexes one connection and so has no blocking XREAD: read, and pause briefly when empty.
    // The pause does not enter the figures, which come from the entry ids.
    private async Task ReadResultsAsync(CancellationToken cancellationToken)
    {
        var db = Database;
        var positions = new[] { new StreamPosition(ResultsKey, "0-0"), new StreamPosition(FailuresKey, "0-0") };
        while (!cancellationToken.IsCancellationRequested)
        {
            var streams = await db.StreamReadAsync(positions, 1000);
            var read = 0;
            foreach (var stream in streams)
            {
                foreach (var entry in stream.Entries)
                {
                    var fields = entry.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString(), StringComparer.Ordinal);
                    Results.Record(fields["scene"], fields["product"], fields["state"], fields.GetValueOrDefault("result"), BenchClock.OfEntryId(entry.Id.ToString()));
                }
                if (stream.Entries.Length == 0) continue;
                read += stream.Entries.Length;
                var index = Array.FindIndex(positions, p => p.Key == stream.Key);
                positions[index] = new StreamPosition(stream.Key, stream.Entries[^1].Id);
            }
            if (read == 0) await Task.Delay(ReadPause, cancellationToken);
        }
    }
}
