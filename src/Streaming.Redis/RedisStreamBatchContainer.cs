using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace Actors.Streaming.Redis;

/// <summary>
/// The events of one <c>QueueMessageBatchAsync</c> call, as stored in one Redis stream entry. The token is not
/// known until Redis assigns the entry id, so it is attached when the entry is read.
/// </summary>
[GenerateSerializer]
internal sealed class RedisStreamBatchContainer : IBatchContainer
{
    public RedisStreamBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext)
    {
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
    }

    /// <inheritdoc />
    [Id(0)]
    public StreamId StreamId { get; }

    [Id(1)]
    public List<object> Events { get; }

    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; }

    // Serialized too: the pulling agent may hand the container to a consumer on another silo.
    [Id(3)]
    public RedisStreamSequenceToken? Token { get; set; }

    /// <inheritdoc />
    public StreamSequenceToken SequenceToken =>
        Token ?? throw new InvalidOperationException("The batch has not been read from Redis yet, so it has no position.");

    /// <inheritdoc />
    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        var token = (RedisStreamSequenceToken)SequenceToken;
        // The index counts every event of the batch, not only those of type T, so a token names one event whatever T is asked for.
        for (var index = 0; index < Events.Count; index++)
        {
            if (Events[index] is T item)
            {
                yield return Tuple.Create<T, StreamSequenceToken>(item, token.ForEvent(index));
            }
        }
    }

    /// <inheritdoc />
    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }
        RequestContextExtensions.Import(RequestContext);
        return true;
    }
}
