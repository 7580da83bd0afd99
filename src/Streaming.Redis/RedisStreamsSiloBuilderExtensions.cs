using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace Actors.Streaming.Redis;

/// <summary>Adds Redis Streams persistent stream providers to a silo.</summary>
public static class RedisStreamsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the persistent stream provider <paramref name="name"/> on Redis Streams: the silo produces to and pulls
    /// from the provider's stream keys, delivers at least once, and takes over the pending entries of dead silos.
    /// Also registers <see cref="RedisStreamLagReader"/> keyed by <paramref name="name"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The stream provider name, as passed to <c>GetStreamProvider</c>.</param>
    /// <param name="configure">Configures the provider's <see cref="RedisStreamOptions"/>; the connection string defaults to <c>ConnectionStrings:Redis</c>.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddRedisStreams(this ISiloBuilder builder, string name, Action<OptionsBuilder<RedisStreamOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddPersistentStreams(name, RedisQueueAdapterFactory.Create, stream =>
        {
            stream.Configure(configure);
            stream.ConfigureDelegate(services => RedisStreamServices.Add(services, name));
        });
    }
}
