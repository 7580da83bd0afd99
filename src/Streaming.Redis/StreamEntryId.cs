using System.Globalization;

namespace Actors.Streaming.Redis;

/// <summary>
/// A Redis stream entry id <c>{milliseconds}-{sequence}</c> as numbers, because ids must be compared and stepped
/// numerically: as strings <c>9-0</c> sorts after <c>10-0</c>.
/// </summary>
internal readonly record struct StreamEntryId(long Milliseconds, long Sequence) : IComparable<StreamEntryId>
{
    /// <summary>Parses an id as Redis returns it.</summary>
    public static StreamEntryId Parse(string id)
    {
        var dash = id.IndexOf('-');
        if (dash <= 0
            || !long.TryParse(id.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || !long.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw new FormatException($"'{id}' is not a Redis stream entry id.");
        }
        return new StreamEntryId(milliseconds, sequence);
    }

    /// <summary>The smallest id greater than this one, so "everything up to this id" becomes an inclusive lower bound.</summary>
    public StreamEntryId Next() => Sequence == long.MaxValue ? new(Milliseconds + 1, 0) : new(Milliseconds, Sequence + 1);

    /// <inheritdoc />
    public int CompareTo(StreamEntryId other)
    {
        var byTime = Milliseconds.CompareTo(other.Milliseconds);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");
}
