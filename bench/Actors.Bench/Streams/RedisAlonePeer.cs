using System.Diagnostics;
using StackExchange.Redis;

namespace Actors.Bench.Streams;

/// <summary>
/// The floor under the Redis route: the same number of entries with the same fields <c>XADD</c>ed (pipelined) to a
/// scratch key and read back through a consumer group 64 at a time with <c>XACK</c>, by one consumer in this
/// process, with no Orleans, validation or grains in between.
/// </summary>
public static class RedisAlonePeer
{
    private const string Key = "bench:peer";
    private const string Group = "bench-peer";
    private const int Batch = 64;

    /// <summary>Messages per second from the first <c>XADD</c> to the last <c>XACK</c>.</summary>
    public static async Task<double> RunAsync(IDatabase db, IReadOnlyList<string> itemPaths, CancellationToken cancellationToken)
    {
        await db.KeyDeleteAsync(Key);
        await db.StreamCreateConsumerGroupAsync(Key, Group, StreamPosition.Beginning, createStream: true);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(itemPaths.Select(path => db.StreamAddAsync(Key, [new NameValueEntry("item", path)]))).WaitAsync(cancellationToken);
        var read = 0;
        while (read < itemPaths.Count)
        {
            var entries = await db.StreamReadGroupAsync(Key, Group, "peer", ">", Batch);
            if (entries.Length == 0) throw new InvalidOperationException($"The peer read {read} of {itemPaths.Count} entries and found no more.");
            await db.StreamAcknowledgeAsync(Key, Group, entries.Select(e => e.Id).ToArray());
            read += entries.Length;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await db.KeyDeleteAsync(Key);
        return itemPaths.Count / seconds;
    }
}
