using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Actors.Streaming.Redis;

/// <summary>
/// Writes each batch a producer sends as one entry (<c>XADD</c>) on the stream key of the stream's queue, and makes
/// the receivers that read those keys.
/// </summary>
internal sealed partial class RedisQueueAdapter(
    string name,
    RedisStreamOptions options,
    RedisStreamConnection connection,
    RedisStreamEntryCodec codec,
    IStreamQueueMapper queueMapper,
    string consumerNamePrefix,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    private readonly ILogger logger = loggerFactory.CreateLogger<RedisQueueAdapter>();

    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    /// <remarks>
    /// Not rewindable: Orleans' simple cache cannot serve subscriptions from an earlier position, even though the
    /// entries may still be in Redis.
    /// </remarks>
    public bool IsRewindable => false;

    /// <inheritdoc />
    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    /// <inheritdoc />
    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("Redis assigns the position of each entry, so a producer cannot choose a sequence token.", nameof(token));
        }
        var key = RedisQueueKeys.For(options, queueMapper.GetQueueForStream(streamId));
        var entry = codec.Encode(new RedisStreamBatchContainer(streamId, events.Cast<object>().ToList(), requestContext));
        try
        {
            var database = await connection.GetDatabaseAsync();
            await database.StreamAddAsync(key, entry);
        }
        catch (Exception exception) when (RedisFailures.IsTransient(exception))
        {
            // Rethrown so the producer's OnNextAsync fails and its caller can retry; the warning says why.
            LogEnqueueFailed(exception, key, streamId);
            throw;
        }
    }

    /// <inheritdoc />
    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new RedisQueueAdapterReceiver(
            queueId,
            options,
            connection,
            codec,
            $"{consumerNamePrefix}/{queueId.GetNumericId()}",
            loggerFactory.CreateLogger<RedisQueueAdapterReceiver>());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis stream {Key}: adding a batch of stream {StreamId} failed; the producer gets the error.")]
    private partial void LogEnqueueFailed(Exception exception, string key, StreamId streamId);
}
