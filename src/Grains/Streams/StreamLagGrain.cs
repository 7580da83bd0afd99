using Actors.Abstractions.Streams;
using Actors.Grains.Configuration;
using Actors.Streaming.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using StackExchange.Redis;

namespace Actors.Grains.Streams;

/// <summary>Reads the lag of the ingress key and of the provider's queue keys (<c>XINFO GROUPS</c>, <c>XLEN</c>).</summary>
[StatelessWorker]
public sealed class StreamLagGrain(IServiceProvider services, IOptions<SiloSettings> silo) : Grain, IStreamLagGrain
{
    /// <inheritdoc />
    public async Task<StreamLagReport> GetState()
    {
        if (services.GetKeyedService<RedisStreamLagReader>(StreamNames.Provider) is not { } queues)
            return new StreamLagReport(silo.Value.Streams, []);
        var settings = services.GetRequiredService<IOptions<RedisSettings>>().Value;
        var db = await services.GetRequiredService<RedisConnection>().DatabaseAsync();
        var keys = new List<StreamKeyLag> { await IngressLagAsync(db, settings) };
        keys.AddRange((await queues.ReadAsync(CancellationToken.None)).Select(q => new StreamKeyLag(q.Key, q.Length, q.Pending, q.Unread)));
        return new StreamLagReport(silo.Value.Streams, keys);
    }

    private static async Task<StreamKeyLag> IngressLagAsync(IDatabase db, RedisSettings settings)
    {
        if (!await db.KeyExistsAsync(settings.IngressKey)) return new StreamKeyLag(settings.IngressKey, 0, 0, 0);
        var length = await db.StreamLengthAsync(settings.IngressKey);
        var groups = await db.StreamGroupInfoAsync(settings.IngressKey);
        // Before any silo created the group, every entry is unread.
        return groups.Where(g => g.Name == settings.IngressGroup).Select(g => new StreamKeyLag(settings.IngressKey, length, g.PendingMessageCount, g.Lag ?? 0))
            .DefaultIfEmpty(new StreamKeyLag(settings.IngressKey, length, 0, length)).Single();
    }
}
