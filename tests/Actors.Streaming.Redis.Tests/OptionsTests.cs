using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Actors.Streaming.Redis.Tests;

/// <summary>Misconfiguration fails early, naming the setting to fix.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void Defaults_are_valid_once_a_connection_string_is_set()
    {
        var options = new RedisStreamOptions { ConnectionString = "127.0.0.1:6379" };

        Assert.Empty(RedisStreamOptionsValidator.Validate(options, "redis"));
        Assert.Equal(("eo:queue:", 8, "orleans", TimeSpan.FromSeconds(30)), (options.KeyPrefix, options.QueueCount, options.ConsumerGroup, options.TrimInterval));
    }

    [Fact]
    public void A_missing_connection_string_names_ConnectionStrings_Redis()
    {
        var services = new ServiceCollection().AddLogging().AddSerializer();
        services.AddOptions<RedisStreamOptions>("redis");
        RedisStreamServices.Add(services, "redis");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OrleansConfigurationException>(() => RedisQueueAdapterFactory.Create(provider, "redis"));

        Assert.Contains("ConnectionStrings:Redis", error.Message);
        Assert.Contains("'redis'", error.Message);
    }

    [Fact]
    public void Every_invalid_setting_is_reported()
    {
        var options = new RedisStreamOptions
        {
            ConnectionString = "127.0.0.1:6379",
            KeyPrefix = "",
            QueueCount = 0,
            ConsumerGroup = " ",
            ReadBatchSize = 0,
            TrimInterval = TimeSpan.Zero,
            CacheSize = 0,
        };

        Assert.Equal(6, RedisStreamOptionsValidator.Validate(options, "redis").Count);
    }
}
