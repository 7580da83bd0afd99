using Microsoft.Extensions.Logging;
using Orleans.Streams;
using StackExchange.Redis;
using StreamPosition = StackExchange.Redis.StreamPosition;

namespace Actors.Streaming.Redis;

/// <summary>
/// Reads one Redis stream key for the silo that owns its queue, through the provider's consumer group.
/// </summary>
/// <remarks>
/// <para>Delivery is at least once. An entry stays in the group's pending list from <c>XREADGROUP</c> until Orleans
/// reports it delivered (<see cref="MessagesDeliveredAsync(IList{IBatchContainer}, CancellationToken)"/>), and only then
/// is it acknowledged. When a silo dies, its pending entries are taken over by the next receiver of the queue, which
/// claims every pending entry of the group on initialisation and hands those out before any new entry.</para>
/// <para>The pulling agent calls a receiver one call at a time, and awaits here resume on the agent's scheduler
/// (hence no <c>ConfigureAwait(false)</c>), so the state needs no locking.</para>
/// <para>Cancellation tokens are not passed on to Redis: a read abandoned mid-way would strand its entries in this
/// consumer's pending list, and every command ends within the multiplexer's own timeout anyway.</para>
/// </remarks>
internal sealed partial class RedisQueueAdapterReceiver : IQueueAdapterReceiver
{
    private static readonly StreamEntryId StreamStart = new(0, 0);

    private readonly RedisStreamConnection connection;
    private readonly RedisStreamEntryCodec codec;
    private readonly RedisStreamOptions options;
    private readonly RedisKey key;
    private readonly RedisValue group;
    private readonly RedisValue consumer;
    private readonly ILogger logger;

    // Entries claimed from the pending list and not yet handed to Orleans; they go out before new entries.
    private readonly Queue<StreamEntry> claimed = new();

    // Entries handed to Orleans and not yet reported delivered, oldest first (the order Orleans' cache releases them).
    private readonly Queue<StreamEntryId> inFlightOrder = new();
    private readonly HashSet<StreamEntryId> inFlight = [];

    // Delivered entries whose XACK has not succeeded yet; kept so an outage cannot leave them pending forever.
    private readonly List<RedisValue> unacknowledged = [];

    private bool groupReady;

    // Where the next claim of pending entries starts; null while nothing needs claiming.
    private StreamEntryId? claimFrom;

    private StreamEntryId? lastHandedOut;
    private long nextTrimAt;
    private bool shutDown;

    public RedisQueueAdapterReceiver(
        QueueId queueId,
        RedisStreamOptions options,
        RedisStreamConnection connection,
        RedisStreamEntryCodec codec,
        string consumerName,
        ILogger<RedisQueueAdapterReceiver> logger)
    {
        this.options = options;
        this.connection = connection;
        this.codec = codec;
        this.logger = logger;
        key = RedisQueueKeys.For(options, queueId);
        group = options.ConsumerGroup;
        consumer = consumerName;
    }

    /// <inheritdoc />
    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    /// <inheritdoc />
    public async Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The timeout is not applied either: abandoning a claim half-way would leave it running alongside the first read.
        claimFrom = StreamStart;
        nextTrimAt = Environment.TickCount64 + (long)options.TrimInterval.TotalMilliseconds;
        try
        {
            var database = await connection.GetDatabaseAsync();
            await EnsureGroupAsync(database);
            await ClaimPendingAsync(database);
            LogInitialized(key, consumer, claimed.Count);
        }
        catch (Exception exception) when (RedisFailures.IsTransient(exception))
        {
            // The pulling agent never calls Initialize again, so the first successful read finishes the work.
            LogInitializeDeferred(exception, key);
        }
    }

    /// <inheritdoc />
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    /// <inheritdoc />
    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (shutDown)
        {
            return [];
        }
        var count = maxCount > 0 ? Math.Min(maxCount, options.ReadBatchSize) : options.ReadBatchSize;
        try
        {
            var database = await connection.GetDatabaseAsync();
            await AcknowledgeAsync(database);
            await EnsureGroupAsync(database);
            await ClaimPendingAsync(database);
            await TrimIfDueAsync(database);
            var entries = claimed.Count > 0
                ? TakeClaimed(count)
                : await database.StreamReadGroupAsync(key, group, consumer, StreamPosition.NewMessages, count);
            return HandOut(entries);
        }
        catch (Exception exception) when (RedisFailures.IsTransient(exception))
        {
            // A read whose reply was lost still moved entries into this consumer's pending list. Nothing else would
            // ever deliver them, so claim whatever is pending past the last entry handed out before reading on.
            claimFrom ??= lastHandedOut?.Next() ?? StreamStart;
            LogReadFailed(exception, key);
            return [];
        }
        catch (RedisServerException exception) when (RedisFailures.IsMissingGroup(exception))
        {
            // Redis lost the group (data loss or an operator): recreating it at the start redelivers what is left.
            groupReady = false;
            LogGroupMissing(exception, key, group);
            return [];
        }
    }

    /// <inheritdoc />
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    /// <inheritdoc />
    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }
        var delivered = messages.Select(message => ((RedisStreamSequenceToken)message.SequenceToken).EntryIdValue).ToHashSet();
        unacknowledged.AddRange(delivered.Select(id => (RedisValue)id.ToString()));
        ForgetReleasedEntries(delivered);
        try
        {
            await AcknowledgeAsync(await connection.GetDatabaseAsync());
        }
        catch (Exception exception) when (RedisFailures.IsTransient(exception))
        {
            LogAcknowledgeFailed(exception, key, unacknowledged.Count);
        }
    }

    /// <inheritdoc />
    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    /// <inheritdoc />
    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        shutDown = true;
        try
        {
            // Acknowledge what was delivered so the next owner does not deliver it again; everything else stays
            // pending, for the next owner to claim.
            await AcknowledgeAsync(await connection.GetDatabaseAsync());
        }
        catch (Exception exception) when (RedisFailures.IsTransient(exception))
        {
            LogAcknowledgeFailed(exception, key, unacknowledged.Count);
        }
    }

    private async Task EnsureGroupAsync(IDatabaseAsync database)
    {
        if (groupReady)
        {
            return;
        }
        try
        {
            // Start at 0, not $: entries added before the group existed (a producer ran before any silo) are work too.
            await database.StreamCreateConsumerGroupAsync(key, group, StreamPosition.Beginning, createStream: true);
            LogGroupCreated(key, group);
        }
        catch (RedisServerException exception) when (RedisFailures.IsExistingGroup(exception))
        {
            // Created by an earlier owner of the queue: the usual case.
        }
        groupReady = true;
    }

    /// <summary>
    /// Takes over the group's pending entries from <see cref="claimFrom"/> on, whoever holds them. The cursor moves
    /// after each page, so a claim cut short by an outage resumes where it stopped.
    /// </summary>
    private async Task ClaimPendingAsync(IDatabaseAsync database)
    {
        while (claimFrom is { } from)
        {
            var page = await database.StreamAutoClaimAsync(key, group, consumer, 0, from.ToString(), options.ReadBatchSize);
            foreach (var entry in page.ClaimedEntries)
            {
                if (!entry.IsNull && !inFlight.Contains(RedisStreamEntryCodec.IdOf(entry)))
                {
                    claimed.Enqueue(entry);
                }
            }
            var next = StreamEntryId.Parse(page.NextStartId.ToString());
            claimFrom = next == StreamStart ? null : next;
        }
    }

    private async Task TrimIfDueAsync(IDatabaseAsync database)
    {
        var now = Environment.TickCount64;
        if (now < nextTrimAt)
        {
            return;
        }
        // Scheduled before running so that a failing trim waits a full interval instead of repeating every poll.
        nextTrimAt = now + (long)options.TrimInterval.TotalMilliseconds;
        await ClaimStrandedAsync(database);
        var removed = await RedisStreamTrimmer.TrimAsync(database, key);
        if (removed > 0)
        {
            LogTrimmed(key, removed);
        }
    }

    /// <summary>
    /// Takes over entries that sat pending at another consumer for a whole trim interval. Orleans gives a queue
    /// one reader at a time, so they belong to a former owner: one that read them after this receiver's claim at
    /// start-up, during the hand-over, and then let the queue go. Own entries are left alone (they are in flight).
    /// </summary>
    private async Task ClaimStrandedAsync(IDatabaseAsync database)
    {
        var idle = (long)options.TrimInterval.TotalMilliseconds;
        var pending = await database.StreamPendingMessagesAsync(key, group, options.ReadBatchSize, RedisValue.Null, minIdleTimeInMs: idle);
        var stranded = pending.Where(p => p.ConsumerName != consumer).Select(p => p.MessageId).ToArray();
        if (stranded.Length == 0)
        {
            return;
        }
        var entries = await database.StreamClaimAsync(key, group, consumer, idle, stranded);
        foreach (var entry in entries)
        {
            if (!entry.IsNull && !inFlight.Contains(RedisStreamEntryCodec.IdOf(entry)))
            {
                claimed.Enqueue(entry);
            }
        }
        LogStrandedClaimed(key, entries.Length);
    }

    private async Task AcknowledgeAsync(IDatabaseAsync database)
    {
        if (unacknowledged.Count == 0)
        {
            return;
        }
        await database.StreamAcknowledgeAsync(key, group, [.. unacknowledged]);
        unacknowledged.Clear();
    }

    private StreamEntry[] TakeClaimed(int count)
    {
        var entries = new StreamEntry[Math.Min(count, claimed.Count)];
        for (var index = 0; index < entries.Length; index++)
        {
            entries[index] = claimed.Dequeue();
        }
        return entries;
    }

    private List<IBatchContainer> HandOut(StreamEntry[] entries)
    {
        var batches = new List<IBatchContainer>(entries.Length);
        foreach (var entry in entries)
        {
            var id = RedisStreamEntryCodec.IdOf(entry);
            RedisStreamBatchContainer batch;
            try
            {
                batch = codec.Decode(entry);
            }
            catch (Exception exception)
            {
                // Left pending rather than acknowledged: a silo that knows the event types (e.g. after a rolling
                // upgrade) gets it when it next takes the queue over, and the pending count shows it meanwhile.
                LogUndecodable(exception, key, id.ToString());
                continue;
            }
            batches.Add(batch);
            if (inFlight.Add(id))
            {
                inFlightOrder.Enqueue(id);
            }
            lastHandedOut = id;
        }
        return batches;
    }

    /// <summary>
    /// Drops from the in-flight list every entry Orleans' cache has released, i.e. up to the newest one delivered.
    /// Entries released without being delivered failed delivery: they stay pending in Redis (not acknowledged) and
    /// the next owner of the queue delivers them again.
    /// </summary>
    private void ForgetReleasedEntries(HashSet<StreamEntryId> delivered)
    {
        var remaining = delivered.Count(inFlight.Contains);
        var undelivered = 0;
        while (remaining > 0 && inFlightOrder.TryDequeue(out var id))
        {
            inFlight.Remove(id);
            if (delivered.Contains(id))
            {
                remaining--;
            }
            else
            {
                undelivered++;
            }
        }
        if (undelivered > 0)
        {
            LogUndelivered(key, undelivered);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis stream {Key}: reading as consumer {Consumer}; {Claimed} pending entries taken over to deliver first.")]
    private partial void LogInitialized(RedisKey key, RedisValue consumer, int claimed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis stream {Key}: Redis unavailable while initialising; the group and pending entries are taken over on the next successful read.")]
    private partial void LogInitializeDeferred(Exception exception, RedisKey key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis stream {Key}: read failed, retrying on the next poll.")]
    private partial void LogReadFailed(Exception exception, RedisKey key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis stream {Key}: consumer group {Group} is missing and will be recreated; remaining entries are delivered again.")]
    private partial void LogGroupMissing(Exception exception, RedisKey key, RedisValue group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis stream {Key}: acknowledging {Count} delivered entries failed; retrying on the next poll.")]
    private partial void LogAcknowledgeFailed(Exception exception, RedisKey key, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis stream {Key}: created consumer group {Group}.")]
    private partial void LogGroupCreated(RedisKey key, RedisValue group);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis stream {Key}: trimmed {Removed} acknowledged entries.")]
    private partial void LogTrimmed(RedisKey key, long removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis stream {Key}: took over {Count} entries a former owner of the queue left pending.")]
    private partial void LogStrandedClaimed(RedisKey key, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis stream {Key}: entry {EntryId} cannot be decoded; it stays pending.")]
    private partial void LogUndecodable(Exception exception, RedisKey key, string entryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis stream {Key}: {Count} entries were released by the cache without delivery; they stay pending for redelivery by the queue's next owner.")]
    private partial void LogUndelivered(RedisKey key, int count);
}
