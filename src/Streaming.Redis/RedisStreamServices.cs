using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Actors.Streaming.Redis;

/// <summary>The services a Redis Streams provider needs on silos and clients alike, keyed by provider name.</summary>
internal static class RedisStreamServices
{
    public static void Add(IServiceCollection services, string name)
    {
        // The conventional connection string is the default, so a host with ConnectionStrings:Redis needs no code.
        services.AddOptions<RedisStreamOptions>(name)
            .PostConfigure<IServiceProvider>((options, provider) =>
                options.ConnectionString ??= provider.GetService<IConfiguration>()?.GetConnectionString("Redis"));
        services.AddTransient<IConfigurationValidator>(provider =>
            new RedisStreamOptionsValidator(provider.GetOptionsByName<RedisStreamOptions>(name), name));
        services.AddKeyedSingleton(name, (provider, _) =>
            new RedisStreamConnection(provider.GetOptionsByName<RedisStreamOptions>(name)));
        services.AddKeyedSingleton(name, (provider, _) =>
            new RedisStreamLagReader(provider.GetOptionsByName<RedisStreamOptions>(name), provider.GetRequiredKeyedService<RedisStreamConnection>(name)));
    }
}
