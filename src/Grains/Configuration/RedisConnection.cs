using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Actors.Grains.Configuration;

/// <summary>
/// The silo's connection to Redis (<c>ConnectionStrings:Redis</c>) for the ingress and the results keys.
/// It connects on first use and reconnects by itself after an outage (<c>abortConnect=false</c>).
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;

    /// <summary>A connection to the server named by <c>ConnectionStrings:Redis</c>.</summary>
    /// <exception cref="InvalidOperationException">The connection string is not set.</exception>
    public RedisConnection(IConfiguration configuration)
    {
        var connectionString = ConnectionStringOf(configuration);
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        _connection = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(options));
    }

    /// <summary><c>ConnectionStrings:Redis</c>.</summary>
    /// <exception cref="InvalidOperationException">It is not set.</exception>
    public static string ConnectionStringOf(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Redis");
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("Silo:Streams is 'redis' but ConnectionStrings:Redis (env: ConnectionStrings__Redis) is not set, e.g. '127.0.0.1:56379'.")
            : connectionString;
    }

    /// <summary>The database.</summary>
    public async Task<IDatabase> DatabaseAsync() => (await _connection.Value).GetDatabase();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated) await (await _connection.Value).DisposeAsync();
    }
}
