using Orleans;
using Orleans.Runtime;

namespace Actors.Streaming.Redis;

/// <summary>
/// Fails silo or client start-up with a message that names the setting to fix, instead of a Redis error at the
/// first stream event.
/// </summary>
internal sealed class RedisStreamOptionsValidator(RedisStreamOptions options, string providerName) : IConfigurationValidator
{
    /// <inheritdoc />
    public void ValidateConfiguration()
    {
        var errors = Validate(options, providerName);
        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException(string.Join(Environment.NewLine, errors));
        }
    }

    /// <summary>Every problem with <paramref name="options"/>, each naming the provider and the setting.</summary>
    public static IReadOnlyList<string> Validate(RedisStreamOptions options, string providerName)
    {
        var errors = new List<string>();
        var prefix = $"Redis stream provider '{providerName}':";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{prefix} no Redis connection string; set {RedisStreamOptions.ConnectionStringSetting} (or {nameof(RedisStreamOptions)}.{nameof(RedisStreamOptions.ConnectionString)}).");
        }
        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            errors.Add($"{prefix} {nameof(RedisStreamOptions.KeyPrefix)} must not be empty.");
        }
        if (options.QueueCount < 1)
        {
            errors.Add($"{prefix} {nameof(RedisStreamOptions.QueueCount)} must be at least 1 (was {options.QueueCount}).");
        }
        if (string.IsNullOrWhiteSpace(options.ConsumerGroup))
        {
            errors.Add($"{prefix} {nameof(RedisStreamOptions.ConsumerGroup)} must not be empty.");
        }
        if (options.ReadBatchSize < 1)
        {
            errors.Add($"{prefix} {nameof(RedisStreamOptions.ReadBatchSize)} must be at least 1 (was {options.ReadBatchSize}).");
        }
        if (options.TrimInterval <= TimeSpan.Zero)
        {
            errors.Add($"{prefix} {nameof(RedisStreamOptions.TrimInterval)} must be positive (was {options.TrimInterval}).");
        }
        if (options.CacheSize < 1)
        {
            errors.Add($"{prefix} {nameof(RedisStreamOptions.CacheSize)} must be at least 1 (was {options.CacheSize}).");
        }
        return errors;
    }
}
