using System.Globalization;
using Orleans;
using Orleans.Streams;

namespace Actors.Streaming.Redis;

/// <summary>
/// Position of one event in a Redis stream queue: the id of the entry that holds its batch
/// (<c>{milliseconds}-{sequence}</c>) and the event's index inside that batch. Tokens order as the entries do
/// in the stream, and a redelivered entry keeps its token, so consumers can recognise duplicates.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class RedisStreamSequenceToken : StreamSequenceToken
{
    /// <summary>Creates the token of event <paramref name="eventIndex"/> of entry <c>{milliseconds}-{sequence}</c>.</summary>
    public RedisStreamSequenceToken(long milliseconds, long sequence, int eventIndex)
    {
        SequenceNumber = milliseconds;
        EntrySequence = sequence;
        EventIndex = eventIndex;
    }

    /// <summary>The millisecond part of the entry id.</summary>
    [Id(0)]
    public override long SequenceNumber { get; protected set; }

    /// <summary>The sequence part of the entry id, which orders entries added in the same millisecond.</summary>
    [Id(1)]
    public long EntrySequence { get; private set; }

    /// <summary>Index of the event inside the entry's batch.</summary>
    [Id(2)]
    public override int EventIndex { get; protected set; }

    /// <summary>The Redis entry id, <c>{milliseconds}-{sequence}</c>.</summary>
    public string EntryId => EntryIdValue.ToString();

    internal StreamEntryId EntryIdValue => new(SequenceNumber, EntrySequence);

    internal static RedisStreamSequenceToken ForEntry(StreamEntryId id) => new(id.Milliseconds, id.Sequence, 0);

    internal RedisStreamSequenceToken ForEvent(int eventIndex) => new(SequenceNumber, EntrySequence, eventIndex);

    /// <inheritdoc />
    public override bool Equals(StreamSequenceToken? other) =>
        other is RedisStreamSequenceToken token
        && token.SequenceNumber == SequenceNumber
        && token.EntrySequence == EntrySequence
        && token.EventIndex == EventIndex;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StreamSequenceToken token && Equals(token);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SequenceNumber, EntrySequence, EventIndex);

    /// <inheritdoc />
    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }
        if (other is not RedisStreamSequenceToken token)
        {
            // Tokens of another provider carry no position in a Redis stream, so no order exists.
            throw new ArgumentOutOfRangeException(nameof(other), $"Cannot compare a {nameof(RedisStreamSequenceToken)} with a {other.GetType().Name}.");
        }
        var byEntry = EntryIdValue.CompareTo(token.EntryIdValue);
        return byEntry != 0 ? byEntry : EventIndex.CompareTo(token.EventIndex);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[Redis {EntryId}#{EventIndex}]");
}
