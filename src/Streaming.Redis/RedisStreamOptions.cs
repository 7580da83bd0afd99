using Orleans;
using Orleans.Configuration;

namespace Actors.Streaming.Redis;

/// <summary>
/// Settings of one Redis Streams persistent stream provider, bound as named options under the provider name.
/// </summary>
public sealed class RedisStreamOptions
{
    /// <summary>The configuration setting operators are told to fill when <see cref="ConnectionString"/> is missing.</summary>
    public const string ConnectionStringSetting = "ConnectionStrings:Redis";

    /// <summary>StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379</c>. Required.</summary>
    [RedactConnectionString]
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of the stream keys; queue <c>i</c> is the key <c>{KeyPrefix}{i}</c>. Default <c>eo:queue:</c>.</summary>
    public string KeyPrefix { get; set; } = "eo:queue:";

    /// <summary>Number of Redis stream keys (Orleans queues) the stream ids are hashed onto. Default 8.</summary>
    public int QueueCount { get; set; } = 8;

    /// <summary>Name of the consumer group every silo of this provider reads through. Default <c>orleans</c>.</summary>
    public string ConsumerGroup { get; set; } = "orleans";

    /// <summary>Most entries one <c>XREADGROUP</c> or <c>XAUTOCLAIM</c> call returns. Default 100.</summary>
    public int ReadBatchSize { get; set; } = 100;

    /// <summary>How often a receiver trims its stream below the oldest unacknowledged entry. Default 30 seconds.</summary>
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Batches a silo keeps per queue in the Orleans delivery cache. Default 4096.</summary>
    public int CacheSize { get; set; } = SimpleQueueCacheOptions.DEFAULT_CACHE_SIZE;
}
