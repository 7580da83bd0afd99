using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Actors.Streaming.Redis;

/// <summary>
/// Reports events Orleans gave up delivering. Subscriptions are not faulted: the entry stays pending in Redis and is
/// delivered again when the queue next changes owner, so one failing consumer does not stop its stream.
/// </summary>
internal sealed partial class RedisStreamDeliveryFailureHandler(ILogger<RedisStreamDeliveryFailureHandler> logger) : IStreamFailureHandler
{
    /// <inheritdoc />
    public bool ShouldFaultSubsriptionOnError => false;

    /// <inheritdoc />
    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogDeliveryFailure(streamProviderName, streamIdentity, sequenceToken, subscriptionId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailure(streamProviderName, streamIdentity, sequenceToken, subscriptionId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: delivery of {StreamId} at {Token} to subscription {SubscriptionId} failed; the entry stays pending in Redis.")]
    private partial void LogDeliveryFailure(string provider, StreamId streamId, StreamSequenceToken? token, GuidId subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: subscription {SubscriptionId} to {StreamId} failed at {Token}.")]
    private partial void LogSubscriptionFailure(string provider, StreamId streamId, StreamSequenceToken? token, GuidId subscriptionId);
}
