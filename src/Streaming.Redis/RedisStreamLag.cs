using StackExchange.Redis;

namespace Actors.Streaming.Redis;

/// <summary>
/// Reads the backlog of a Redis Streams provider, queue by queue, for operators and dashboards: <c>XLEN</c> and the
/// <c>pending</c> and <c>lag</c> fields of <c>XINFO GROUPS</c>, all read-only.
/// </summary>
public static class RedisStreamLag
{
    private const int CountPageSize = 1000;

    /// <summary>Reads the lag of every queue key of the provider described by <paramref name="options"/>.</summary>
    /// <param name="connection">Any connection to the provider's Redis.</param>
    /// <param name="options">The provider's key prefix, queue count and consumer group.</param>
    /// <param name="cancellationToken">Stops waiting for Redis.</param>
    /// <returns>One <see cref="QueueLag"/> per queue, in queue order.</returns>
    public static async Task<IReadOnlyList<QueueLag>> ReadAsync(IConnectionMultiplexer connection, RedisStreamOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        var database = connection.GetDatabase();
        var queues = RedisQueueKeys.All(options).Select(key => ReadQueueAsync(database, key, options.ConsumerGroup));
        return await Task.WhenAll(queues).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects with <see cref="RedisStreamOptions.ConnectionString"/> just for this read, e.g. from a command-line
    /// tool that has no provider running.
    /// </summary>
    /// <inheritdoc cref="ReadAsync(IConnectionMultiplexer, RedisStreamOptions, CancellationToken)" path="/param[@name='options']|/param[@name='cancellationToken']|/returns"/>
    public static async Task<IReadOnlyList<QueueLag>> ReadAsync(RedisStreamOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException($"No Redis connection string; set {RedisStreamOptions.ConnectionStringSetting}.", nameof(options));
        }
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options.ConnectionString).WaitAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, options, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<QueueLag> ReadQueueAsync(IDatabaseAsync database, string key, string groupName)
    {
        var length = database.StreamLengthAsync(key);
        StreamGroupInfo[] groups;
        try
        {
            groups = await database.StreamGroupInfoAsync(key).ConfigureAwait(false);
        }
        catch (RedisServerException exception) when (RedisFailures.IsMissingKey(exception))
        {
            await length.ConfigureAwait(false);
            return new QueueLag(key, 0, 0, 0);
        }

        var entries = await length.ConfigureAwait(false);
        foreach (var group in groups)
        {
            if (group.Name == groupName)
            {
                var unread = group.Lag ?? await CountAfterAsync(database, key, group.LastDeliveredId ?? "0-0").ConfigureAwait(false);
                return new QueueLag(key, entries, group.PendingMessageCount, unread);
            }
        }
        // No silo has read this key yet; its group will start at the beginning, so every entry is unread.
        return new QueueLag(key, entries, 0, entries);
    }

    /// <summary>
    /// Counts the entries after <paramref name="lastDeliveredId"/> by walking them. Only needed when Redis cannot
    /// compute <c>lag</c> itself (it reports none once entries were deleted from the middle of the stream).
    /// </summary>
    private static async Task<long> CountAfterAsync(IDatabaseAsync database, string key, string lastDeliveredId)
    {
        long count = 0;
        var after = lastDeliveredId;
        while (true)
        {
            var page = await database.StreamRangeAsync(key, $"({after}", "+", CountPageSize).ConfigureAwait(false);
            count += page.Length;
            if (page.Length < CountPageSize)
            {
                return count;
            }
            after = page[^1].Id.ToString();
        }
    }
}
