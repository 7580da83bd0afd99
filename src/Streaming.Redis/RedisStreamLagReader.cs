namespace Actors.Streaming.Redis;

/// <summary>
/// The lag of one Redis Streams provider, over the provider's own connection. Registered by <c>AddRedisStreams</c>
/// as a keyed singleton under the provider name: resolve it with
/// <c>services.GetRequiredKeyedService&lt;RedisStreamLagReader&gt;(providerName)</c>.
/// </summary>
public sealed class RedisStreamLagReader
{
    private readonly RedisStreamOptions options;
    private readonly RedisStreamConnection connection;

    internal RedisStreamLagReader(RedisStreamOptions options, RedisStreamConnection connection)
    {
        this.options = options;
        this.connection = connection;
    }

    /// <summary>Reads the lag of every queue key of the provider.</summary>
    /// <param name="cancellationToken">Stops waiting for Redis.</param>
    /// <returns>One <see cref="QueueLag"/> per queue, in queue order.</returns>
    public async Task<IReadOnlyList<QueueLag>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var multiplexer = await connection.GetMultiplexerAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return await RedisStreamLag.ReadAsync(multiplexer, options, cancellationToken).ConfigureAwait(false);
    }
}
