using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.TestingHost;
using StackExchange.Redis;

namespace Actors.Streaming.Redis.Tests;

/// <summary>
/// One <c>redis-server</c> and a two-silo test cluster on it with the Redis stream provider, shared by every test
/// of the <see cref="RedisCollection"/> (which therefore run one at a time: one test restarts Redis).
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    /// <summary>The stream provider name on silos and client.</summary>
    public const string Provider = "redis";

    /// <summary>The cluster's queue keys are <c>{KeyPrefix}0..7</c>; receiver-level tests use other prefixes.</summary>
    public const string KeyPrefix = "eo-test:queue:";

    /// <summary>The Redis server.</summary>
    public RedisServer Redis { get; private set; } = null!;

    /// <summary>The cluster.</summary>
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>A connection for the tests' own Redis reads; it reconnects by itself after a restart.</summary>
    public IConnectionMultiplexer Connection { get; private set; } = null!;

    /// <summary>The cluster's provider options as the silos see them.</summary>
    public RedisStreamOptions ClusterOptions => SiloServices(0).GetRequiredService<IOptionsMonitor<RedisStreamOptions>>().Get(Provider);

    /// <summary>The services of the <paramref name="index"/>-th silo.</summary>
    public IServiceProvider SiloServices(int index) => ((InProcessSiloHandle)Cluster.Silos[index]).SiloHost.Services;

    /// <summary>The client's stream of <see cref="NumberedEvent"/>s with key <paramref name="key"/>.</summary>
    public IAsyncStream<NumberedEvent> Stream(string key) =>
        Cluster.Client.GetStreamProvider(Provider).GetStream<NumberedEvent>(StreamId.Create(NumberedEvent.Namespace, key));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var options = ConfigurationOptions.Parse(Redis.ConnectionString);
        options.AbortOnConnectFail = false;
        Connection = await ConnectionMultiplexer.ConnectAsync(options);

        var builder = new TestClusterBuilder(2);
        // Silos and client find Redis the conventional way, through ConnectionStrings:Redis.
        builder.Properties["ConnectionStrings:Redis"] = Redis.ConnectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await WaitForQueueBalanceAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>
    /// Waits until both silos pull some of the 8 queues, and still do a second later, so that no queue changes owner
    /// in the middle of a test (a change redelivers pending entries, which an ordering test would see).
    /// </summary>
    private async Task WaitForQueueBalanceAsync()
    {
        var management = Cluster.Client.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var balancedPolls = 0; balancedPolls < 5; await Task.Delay(200))
        {
            var agents = (await management.SendControlCommandToProvider<PersistentStreamProvider>(
                Provider, (int)PersistentStreamProviderCommand.GetNumberRunningAgents)).Select(Convert.ToInt32).ToArray();
            balancedPolls = agents.Length == 2 && agents.Sum() == 8 && agents.All(count => count > 0) ? balancedPolls + 1 : 0;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Queues never settled over the silos: agents per silo {string.Join(", ", agents)}.");
            }
        }
    }

    /// <summary>Silos pull from Redis; the trim runs every second so the tests see it work.</summary>
    public sealed class SiloConfigurator : ISiloConfigurator
    {
        /// <inheritdoc />
        public void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddRedisStreams(Provider, options => options.Configure(redis =>
            {
                redis.KeyPrefix = KeyPrefix;
                redis.TrimInterval = TimeSpan.FromSeconds(1);
            }));
        }
    }

    /// <summary>The client produces to Redis directly.</summary>
    public sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        /// <inheritdoc />
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.AddRedisStreams(Provider, options => options.Configure(redis => redis.KeyPrefix = KeyPrefix));
    }
}
