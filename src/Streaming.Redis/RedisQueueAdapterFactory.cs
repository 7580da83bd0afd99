using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace Actors.Streaming.Redis;

/// <summary>
/// Orleans' entry point into a Redis Streams provider: one adapter over <see cref="RedisStreamOptions.QueueCount"/>
/// stream keys, stream ids spread over them by Orleans' hash ring, and Orleans' simple in-memory delivery cache.
/// </summary>
public sealed class RedisQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly RedisQueueAdapter adapter;
    private readonly HashRingBasedStreamQueueMapper queueMapper;
    private readonly SimpleQueueAdapterCache cache;
    private readonly Task<IStreamFailureHandler> failureHandler;

    private RedisQueueAdapterFactory(
        string name,
        RedisStreamOptions options,
        RedisStreamConnection connection,
        Serializer serializer,
        string consumerNamePrefix,
        ILoggerFactory loggerFactory)
    {
        queueMapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, name);
        cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = options.CacheSize }, name, loggerFactory);
        failureHandler = Task.FromResult<IStreamFailureHandler>(
            new RedisStreamDeliveryFailureHandler(loggerFactory.CreateLogger<RedisStreamDeliveryFailureHandler>()));
        adapter = new RedisQueueAdapter(
            name, options, connection, new RedisStreamEntryCodec(serializer), queueMapper, consumerNamePrefix, loggerFactory);
    }

    /// <summary>
    /// Creates the factory of provider <paramref name="name"/> from the services registered by
    /// <c>AddRedisStreams</c>: its named <see cref="RedisStreamOptions"/>, its shared connection, Orleans' serializer.
    /// </summary>
    /// <exception cref="OrleansConfigurationException">The provider's options are invalid.</exception>
    public static RedisQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        var options = services.GetOptionsByName<RedisStreamOptions>(name);
        new RedisStreamOptionsValidator(options, name).ValidateConfiguration();
        return new RedisQueueAdapterFactory(
            name,
            options,
            services.GetRequiredKeyedService<RedisStreamConnection>(name),
            services.GetRequiredService<Serializer>(),
            ConsumerNamePrefix(services),
            services.GetRequiredService<ILoggerFactory>());
    }

    /// <inheritdoc />
    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(adapter);

    /// <inheritdoc />
    public IQueueAdapterCache GetQueueAdapterCache() => cache;

    /// <inheritdoc />
    public IStreamQueueMapper GetStreamQueueMapper() => queueMapper;

    /// <inheritdoc />
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => failureHandler;

    /// <summary>
    /// The silo name, so operators can tell from <c>XINFO CONSUMERS</c> which silo holds which entries. Outside a
    /// silo (tools, tests) no name exists, and a unique one keeps two such readers from sharing a consumer.
    /// </summary>
    private static string ConsumerNamePrefix(IServiceProvider services) =>
        services.GetService<ILocalSiloDetails>()?.Name ?? $"{Environment.MachineName}-{Guid.NewGuid():N}";
}
