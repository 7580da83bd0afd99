using System.Text.Json;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Security;
using Actors.Grains.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Actors.Streaming.Redis;
using StackExchange.Redis;

namespace Actors.Grains.Acquisitions;

/// <summary>
/// The front door for outside producers: every silo reads the ingress key (<c>acquisitions</c>) as one
/// consumer of a shared group, turns each entry into a validated acquisition through the intake grain and
/// puts it on the <c>acquisitions</c> Orleans stream. An entry is acknowledged only once it is on that
/// stream or in the dead-letter key with its reason; entries a dead silo left pending are claimed by the
/// others after <see cref="RedisSettings.ClaimIdle"/>. Validation (reading the STAC item) runs on the
/// intake grains of every silo at once, so one ingress key does not cap the cluster's throughput.
/// </summary>
public sealed class RedisAcquisitionIngress(
    RedisConnection redis,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IHostApplicationLifetime lifetime,
    IOptions<RedisSettings> options,
    ILogger<RedisAcquisitionIngress> logger) : BackgroundService
{
    // Failures other than a rejection (the cluster or Redis unreachable) are retried; past this many tries
    // the entry is dead-lettered with the last error rather than retried forever.
    private const int MaxTries = 30;
    private static readonly TimeSpan TrimInterval = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, int> _tries = new(StringComparer.Ordinal);
    private readonly RedisSettings _settings = options.Value;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need a running silo: start once the host (and with it the silo) has started.
        await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).ContinueWith(_ => { }, TaskScheduler.Default);
        var claimCursor = (RedisValue)"0-0";
        var groupReady = false;
        var trimmedAt = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var db = await redis.DatabaseAsync();
                if (!groupReady) groupReady = await EnsureGroupAsync(db);
                if (DateTime.UtcNow - trimmedAt > TrimInterval)
                {
                    // Only what every consumer group has acknowledged goes, so the key stays bounded and no acquisition is lost.
                    await RedisStreamTrimmer.TrimAsync(db, _settings.IngressKey);
                    trimmedAt = DateTime.UtcNow;
                }
                // Own pending entries first (retries, or this silo's previous run), then a dead silo's, then new ones.
                var entries = await db.StreamReadGroupAsync(_settings.IngressKey, _settings.IngressGroup, silo.Name, "0", _settings.IngressBatchSize);
                if (entries.Length == 0)
                {
                    var claimed = await db.StreamAutoClaimAsync(_settings.IngressKey, _settings.IngressGroup, silo.Name,
                        (long)_settings.ClaimIdle.TotalMilliseconds, claimCursor, _settings.IngressBatchSize);
                    claimCursor = claimed.NextStartId;
                    entries = claimed.ClaimedEntries;
                }
                if (entries.Length == 0)
                    entries = await db.StreamReadGroupAsync(_settings.IngressKey, _settings.IngressGroup, silo.Name, ">", _settings.IngressBatchSize);
                if (entries.Length == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken);
                    continue;
                }
                var done = await Task.WhenAll(entries.Select(e => HandleAsync(db, e)));
                var acknowledged = entries.Where((_, i) => done[i]).Select(e => e.Id).ToArray();
                if (acknowledged.Length > 0) await db.StreamAcknowledgeAsync(_settings.IngressKey, _settings.IngressGroup, acknowledged);
                if (acknowledged.Length < entries.Length) await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.LogWarning("Reading {Key} failed, retrying: {Reason}", _settings.IngressKey, e.Message);
                groupReady = false;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task<bool> EnsureGroupAsync(IDatabase db)
    {
        try
        {
            // From the start of the key: entries written before any silo ran are acquisitions too.
            await db.StreamCreateConsumerGroupAsync(_settings.IngressKey, _settings.IngressGroup, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
        return true;
    }

    // True when the entry is dealt with (on the stream or dead-lettered) and may be acknowledged.
    private async Task<bool> HandleAsync(IDatabase db, StreamEntry entry)
    {
        var id = entry.Id.ToString();
        if (entry.IsNull || entry.Values is null) return true; // trimmed away while pending: nothing left to process
        var fields = entry.Values.Select(v => KeyValuePair.Create(v.Name.ToString(), v.Value.ToString())).ToArray();
        try
        {
            var sceneId = await grains.GetGrain<IAcquisitionIntakeGrain>(0).EnqueueAsync(IngressEntry.Parse(fields), IngressEntry.CallerOf(fields));
            logger.LogDebug("Entry {EntryId} of {Key} is acquisition {SceneId}", id, _settings.IngressKey, sceneId);
            _tries.Remove(id);
            return true;
        }
        catch (Exception e) when (e is AcquisitionRejectedException or OwnershipConflictException)
        {
            await DeadLetterAsync(db, id, fields, e.Message);
            return true;
        }
        catch (Exception e)
        {
            var tries = _tries[id] = _tries.GetValueOrDefault(id) + 1;
            if (tries < MaxTries)
            {
                logger.LogWarning("Entry {EntryId} of {Key} failed (try {Try}), retrying: {Reason}", id, _settings.IngressKey, tries, e.Message);
                return false;
            }
            _tries.Remove(id);
            await DeadLetterAsync(db, id, fields, $"Gave up after {tries} tries: {e.Message}");
            return true;
        }
    }

    private async Task DeadLetterAsync(IDatabase db, string id, IReadOnlyList<KeyValuePair<string, string>> fields, string reason)
    {
        logger.LogWarning("Entry {EntryId} of {Key} goes to {DeadLetterKey}: {Reason}", id, _settings.IngressKey, _settings.DeadLetterKey, reason);
        await db.StreamAddAsync(_settings.DeadLetterKey,
        [
            new NameValueEntry("reason", reason),
            new NameValueEntry("entryId", id),
            new NameValueEntry("entry", JsonSerializer.Serialize(fields.Select(f => new[] { f.Key, f.Value }))),
        ], maxLength: _settings.OutputMaxLength, useApproximateMaxLength: true);
    }
}
