using System.Text.Json;
using StackExchange.Redis;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>What an outside consumer sees in a tenant's Redis database: the results, failures, dead-letter and pending entries.</summary>
public sealed class RedisStreams(int database) : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect($"{ClusterServices.RedisEndpoint},abortConnect=false");

    private IDatabase Db => _redis.GetDatabase(database);

    /// <summary>Every entry of <paramref name="key"/> as field → value.</summary>
    public async Task<List<Dictionary<string, string>>> EntriesAsync(string key) =>
        (await Db.StreamRangeAsync(key)).Select(e => e.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString())).ToList();

    /// <summary>The result entries as (scene, product, stac item id, state).</summary>
    public async Task<List<(string Scene, string Product, string? StacItemId, string State)>> ResultsAsync(string key) =>
        (await EntriesAsync(key)).Select(e =>
        {
            using var json = JsonDocument.Parse(e["result"]);
            var stacItemId = json.RootElement.GetProperty("stacItemId");
            return (e["scene"], e["product"], stacItemId.ValueKind == JsonValueKind.String ? stacItemId.GetString() : null, e["state"]);
        }).ToList();

    /// <summary>Entries delivered to a consumer group and not acknowledged, over every group of every stream key.</summary>
    public async Task<Dictionary<string, long>> PendingAsync()
    {
        var pending = new Dictionary<string, long>();
        var server = _redis.GetServers().Single();
        await foreach (var key in server.KeysAsync(database, "*"))
        {
            if (await Db.KeyTypeAsync(key) != RedisType.Stream) continue;
            foreach (var group in await Db.StreamGroupInfoAsync(key))
                pending[$"{key}/{group.Name}"] = group.PendingMessageCount + (group.Lag ?? 0);
        }
        return pending;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();
}
