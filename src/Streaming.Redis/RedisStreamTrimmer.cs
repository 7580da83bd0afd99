using StackExchange.Redis;

namespace Actors.Streaming.Redis;

/// <summary>
/// Bounds a stream queue without losing work: removes only entries that every consumer group on the key has
/// both received and acknowledged.
/// </summary>
public static class RedisStreamTrimmer
{
    /// <summary>
    /// Trims <paramref name="key"/> with <c>XTRIM MINID</c> at the oldest entry some group still needs, and returns how
    /// many entries were removed. A key without any group is left alone: nobody has read any of it yet.
    /// </summary>
    public static async Task<long> TrimAsync(IDatabaseAsync database, RedisKey key)
    {
        var floor = await OldestNeededEntryAsync(database, key).ConfigureAwait(false);
        return floor is null ? 0 : await database.StreamTrimByMinIdAsync(key, floor.Value.ToString()).ConfigureAwait(false);
    }

    /// <summary>
    /// The smallest id any group on the key still needs: its oldest pending entry, or else the entry after the last
    /// one delivered to it. Every group counts, not only this provider's, so a second reader of the key is safe too.
    /// </summary>
    /// <remarks>
    /// The answer only ever errs low: between these reads and the trim, acknowledgements raise a group's oldest
    /// pending id, and new deliveries are of entries above its last-delivered id.
    /// </remarks>
    private static async Task<StreamEntryId?> OldestNeededEntryAsync(IDatabaseAsync database, RedisKey key)
    {
        StreamGroupInfo[] groups;
        try
        {
            groups = await database.StreamGroupInfoAsync(key).ConfigureAwait(false);
        }
        catch (RedisServerException exception) when (RedisFailures.IsMissingKey(exception))
        {
            return null;
        }

        StreamEntryId? floor = null;
        foreach (var group in groups)
        {
            var needed = StreamEntryId.Parse(group.LastDeliveredId ?? "0-0").Next();
            if (group.PendingMessageCount > 0)
            {
                var pending = await database.StreamPendingAsync(key, group.Name).ConfigureAwait(false);
                if (pending.PendingMessageCount > 0)
                {
                    needed = StreamEntryId.Parse(pending.LowestPendingMessageId.ToString());
                }
            }
            if (floor is null || needed.CompareTo(floor.Value) < 0)
            {
                floor = needed;
            }
        }
        return floor;
    }
}
