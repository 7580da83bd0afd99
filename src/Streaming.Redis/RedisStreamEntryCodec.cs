using Orleans.Serialization;
using StackExchange.Redis;

namespace Actors.Streaming.Redis;

/// <summary>
/// The layout of a queue entry: the Orleans-serialized batch, plus the stream id as text so that an operator
/// reading the key with <c>XRANGE</c> can tell which stream an entry belongs to.
/// </summary>
internal sealed class RedisStreamEntryCodec(Serializer serializer)
{
    private const string StreamField = "stream";
    private const string BatchField = "batch";

    public NameValueEntry[] Encode(RedisStreamBatchContainer batch) =>
    [
        new(StreamField, batch.StreamId.ToString()),
        new(BatchField, serializer.SerializeToArray(batch)),
    ];

    /// <summary>The batch of <paramref name="entry"/>, positioned at the entry's id.</summary>
    public RedisStreamBatchContainer Decode(StreamEntry entry)
    {
        var payload = entry[BatchField];
        if (payload.IsNull)
        {
            throw new FormatException($"Stream entry {entry.Id} has no '{BatchField}' field.");
        }
        var batch = serializer.Deserialize<RedisStreamBatchContainer>((byte[])payload!)
            ?? throw new FormatException($"Stream entry {entry.Id} holds no batch.");
        batch.Token = RedisStreamSequenceToken.ForEntry(IdOf(entry));
        return batch;
    }

    public static StreamEntryId IdOf(StreamEntry entry) => StreamEntryId.Parse(entry.Id.ToString());
}
