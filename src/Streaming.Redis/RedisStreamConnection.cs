using StackExchange.Redis;

namespace Actors.Streaming.Redis;

/// <summary>
/// The one multiplexer a stream provider shares between its adapter, receivers and lag reader, opened on first use
/// so that building the host does not need Redis to be up.
/// </summary>
internal sealed class RedisStreamConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> multiplexer;

    public RedisStreamConnection(RedisStreamOptions options)
    {
        var connectionString = options.ConnectionString
            ?? throw new ArgumentException($"No Redis connection string; set {RedisStreamOptions.ConnectionStringSetting}.", nameof(options));
        multiplexer = new(() => ConnectAsync(connectionString));
    }

    public async Task<IDatabase> GetDatabaseAsync() => (await multiplexer.Value.ConfigureAwait(false)).GetDatabase();

    public Task<IConnectionMultiplexer> GetMultiplexerAsync() => multiplexer.Value;

    public async ValueTask DisposeAsync()
    {
        if (multiplexer.IsValueCreated)
        {
            await (await multiplexer.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        // Keep retrying in the background instead of failing: a silo may start before Redis, and Redis may restart.
        configuration.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
    }
}
