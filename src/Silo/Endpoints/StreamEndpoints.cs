using Actors.Abstractions.Streams;
using Actors.Grains.Configuration;
using Actors.Streaming.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Actors.Silo.Endpoints;

/// <summary>
/// <c>GET /api/streams</c>: how far behind the event streams are. With Redis Streams: per key (the ingress key
/// and each Orleans queue) its length, the entries delivered to a consumer and not acknowledged (pending), and
/// those not yet read (unread). With memory streams there is nothing durable to report.
/// </summary>
public static class StreamEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapStreamEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/streams", async (IServiceProvider services, IOptions<SiloSettings> silo, CancellationToken cancellationToken) =>
        {
            if (services.GetKeyedService<RedisStreamLagReader>(StreamNames.Provider) is not { } queues)
                return Results.Ok(new { provider = silo.Value.Streams, keys = Array.Empty<QueueLag>() });
            var redis = services.GetRequiredService<RedisConnection>();
            var settings = services.GetRequiredService<IOptions<RedisSettings>>().Value;
            var keys = new List<QueueLag> { await IngressLagAsync(await redis.DatabaseAsync(), settings) };
            keys.AddRange(await queues.ReadAsync(cancellationToken));
            return Results.Ok(new { provider = silo.Value.Streams, keys });
        });
        return app;
    }

    private static async Task<QueueLag> IngressLagAsync(IDatabase db, RedisSettings settings)
    {
        if (!await db.KeyExistsAsync(settings.IngressKey)) return new QueueLag(settings.IngressKey, 0, 0, 0);
        var length = await db.StreamLengthAsync(settings.IngressKey);
        var groups = await db.StreamGroupInfoAsync(settings.IngressKey);
        // Before any silo created the group, every entry is unread.
        return groups.Where(g => g.Name == settings.IngressGroup).Select(g => new QueueLag(settings.IngressKey, length, g.PendingMessageCount, g.Lag ?? 0))
            .DefaultIfEmpty(new QueueLag(settings.IngressKey, length, 0, length)).Single();
    }
}
