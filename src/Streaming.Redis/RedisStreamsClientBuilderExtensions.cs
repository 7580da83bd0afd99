using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace Actors.Streaming.Redis;

/// <summary>Adds Redis Streams persistent stream providers to an Orleans client.</summary>
public static class RedisStreamsClientBuilderExtensions
{
    /// <summary>
    /// Adds the persistent stream provider <paramref name="name"/> on Redis Streams to a client, which produces to the
    /// provider's stream keys and subscribes through the silos; clients never pull from Redis. Also registers
    /// <see cref="RedisStreamLagReader"/> keyed by <paramref name="name"/>.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="name">The stream provider name; it must match the silos' provider.</param>
    /// <param name="configure">Configures the provider's <see cref="RedisStreamOptions"/>, which must match the silos' (key prefix, queue count); the connection string defaults to <c>ConnectionStrings:Redis</c>.</param>
    /// <returns>The client builder.</returns>
    public static IClientBuilder AddRedisStreams(this IClientBuilder builder, string name, Action<OptionsBuilder<RedisStreamOptions>> configure)
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
