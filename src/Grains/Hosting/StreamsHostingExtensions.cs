using Actors.Abstractions.Streams;
using Actors.Grains.Acquisitions;
using Actors.Grains.Configuration;
using Actors.Grains.Results;
using Actors.Streaming.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Hosting;

/// <summary>
/// The stream provider behind <see cref="StreamNames.Provider"/>, chosen by <c>Silo:Streams</c>: Orleans memory
/// streams (the embedded default), or Redis Streams with the ingress key for outside producers and the
/// results and failures keys for outside consumers. Grains never see the difference.
/// </summary>
public static class StreamsHostingExtensions
{
    /// <summary>Registers the provider named by <paramref name="streams"/> and what goes with it.</summary>
    /// <exception cref="InvalidOperationException">The provider is unknown, or Redis has no connection string.</exception>
    public static ISiloBuilder UseConfiguredStreams(this ISiloBuilder silo, IConfiguration configuration, string streams)
    {
        switch (streams.ToLowerInvariant())
        {
            case SiloSettings.MemoryStreams:
                silo.AddMemoryStreams(StreamNames.Provider);
                silo.Services.AddSingleton<IResultSink, StreamOnlyResultSink>();
                break;
            case SiloSettings.RedisStreams:
                var connectionString = RedisConnection.ConnectionStringOf(configuration);
                var redis = configuration.GetSection(RedisSettings.Section).Get<RedisSettings>() ?? new RedisSettings();
                silo.Services.Configure<RedisSettings>(configuration.GetSection(RedisSettings.Section));
                silo.AddRedisStreams(StreamNames.Provider, options => options.Configure(o =>
                {
                    o.ConnectionString = connectionString;
                    o.KeyPrefix = redis.QueueKeyPrefix;
                    o.QueueCount = redis.QueueCount;
                }));
                silo.Services.AddSingleton<RedisConnection>();
                silo.Services.AddSingleton<IResultSink, RedisResultSink>();
                silo.Services.AddHostedService<RedisAcquisitionIngress>();
                break;
            default:
                throw new InvalidOperationException(
                    $"Unknown Silo:Streams '{streams}': use '{SiloSettings.MemoryStreams}' or '{SiloSettings.RedisStreams}'.");
        }
        return silo;
    }
}
