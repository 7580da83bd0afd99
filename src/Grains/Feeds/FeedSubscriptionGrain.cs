using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Feeds;
using Actors.Abstractions.Security;
using Actors.Grains.Configuration;
using Actors.Grains.Persistence;
using Actors.Processing.Hrefs;
using Actors.Processing.Products;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Actors.Grains.Feeds;

/// <summary>
/// A feed subscription, keyed by its id. While active it holds a reminder (the durable wake-up: it re-activates the
/// grain after a restart or on another silo) and a grain timer that polls at the subscription's period, or later
/// after failures (exponential backoff). A poll searches the source from the cursor minus the overlap, publishes
/// each item not remembered as published through the acquisition intake (<see cref="IAcquisitionIntakeGrain.PublishAsync"/>,
/// which answers once the scene grain committed the acceptance, so no stream buffer can lose it) and writes the state
/// after every page; the cursor moves once the items before it are all done.
/// </summary>
public sealed class FeedSubscriptionGrain(
    [PersistentState("feed", GrainStorageNames.State)] IPersistentState<FeedState> state,
    StacSearchClient search,
    ProcessorRegistry processors,
    HrefPolicy hrefs,
    IOptions<FeedSettings> feedSettings,
    IOptions<SiloSettings> siloSettings,
    TimeProvider clock,
    ILogger<FeedSubscriptionGrain> logger) : Grain, IFeedSubscriptionGrain, IRemindable
{
    private const string ReminderName = "feed-poll";
    // State changes (a poll's page, pause, resume, delete) one at a time; a poll runs beside the grain's turns.
    private readonly SemaphoreSlim _writes = new(1, 1);
    private IGrainTimer? _timer;
    private CancellationTokenSource _pollCancel = new();
    private Task _polling = Task.CompletedTask;
    private bool _reminderHeld;

    private string Id => this.GetPrimaryKeyString();

    // Another user's subscription answers exactly like a missing one.
    private bool Visible(Caller caller) => state.RecordExists && caller.MayAccess(state.State.Owner);

    private bool IsActive => state.RecordExists && state.State.Status == FeedStates.Active;

    private FeedSettings Settings => feedSettings.Value;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsActive) ScheduleNextPoll();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        await _pollCancel.CancelAsync();
        await _polling.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Current);
    }

    /// <inheritdoc />
    public async Task<FeedSubscriptionStatus> CreateAsync(FeedSubscription definition, Caller caller)
    {
        FeedSubscriptionRules.ValidateId(Id);
        var normalized = FeedSubscriptionRules.Normalize(definition, processors.Names);
        try
        {
            // The source is read by the silo on every poll: refused at creation rather than failing each poll.
            await hrefs.CheckAsync(normalized.SourceUrl, mayBeMissing: false, CancellationToken.None);
        }
        catch (HrefRefusedException e)
        {
            throw new FeedSubscriptionRejectedException($"Invalid \"source\": {e.Message}");
        }
        if (state.RecordExists)
        {
            if (!caller.MayAccess(state.State.Owner))
                throw new FeedSubscriptionConflictException($"The subscription id '{Id}' is taken by another user; choose another id.");
            // Compared without waiting for a poll in progress: only a create or delete changes the definition.
            if (!state.State.Definition.SameAs(normalized))
                throw new FeedSubscriptionConflictException(
                    $"Subscription '{Id}' exists with a different definition; delete it first to redefine it.");
        }
        else
        {
            await _writes.WaitAsync();
            try
            {
                var now = clock.GetUtcNow();
                state.State = new FeedState { Definition = normalized, Owner = caller.Subject, Status = FeedStates.Active, CreatedAt = now, NextPollAt = now };
                await state.WriteStateAsync();
                logger.LogInformation("Feed subscription {Id} created: {Source} every {Period}", Id, normalized.SourceUrl, normalized.Period);
            }
            finally
            {
                _writes.Release();
            }
        }
        // After the state: a registry entry never names a subscription that was not stored. Repeating a create repairs a lost add.
        await GrainFactory.GetGrain<IFeedRegistryGrain>(0).AddAsync(Id);
        if (IsActive)
        {
            await HoldReminderAsync();
            ScheduleNextPoll();
        }
        return StatusOf(state.State);
    }

    /// <inheritdoc />
    public Task<FeedSubscriptionStatus?> GetStatusAsync(Caller caller) =>
        Task.FromResult(Visible(caller) ? StatusOf(state.State) : null);

    /// <inheritdoc />
    public async Task<FeedSubscriptionStatus?> PauseAsync(Caller caller)
    {
        if (!Visible(caller)) return null;
        await StopPollingAsync();
        await _writes.WaitAsync();
        try
        {
            if (state.State.Status != FeedStates.Paused)
            {
                state.State.Status = FeedStates.Paused;
                state.State.NextPollAt = null;
                await state.WriteStateAsync();
                logger.LogInformation("Feed subscription {Id} paused", Id);
            }
        }
        finally
        {
            _writes.Release();
        }
        await DropReminderAsync();
        return StatusOf(state.State);
    }

    /// <inheritdoc />
    public async Task<FeedSubscriptionStatus?> ResumeAsync(Caller caller)
    {
        if (!Visible(caller)) return null;
        if (state.State.Status != FeedStates.Active)
        {
            await _writes.WaitAsync();
            try
            {
                state.State.Status = FeedStates.Active;
                state.State.NextPollAt = clock.GetUtcNow();
                await state.WriteStateAsync();
                logger.LogInformation("Feed subscription {Id} resumed", Id);
            }
            finally
            {
                _writes.Release();
            }
        }
        // Also for an active one: repairs a reminder or timer lost to a failed write.
        await HoldReminderAsync();
        ScheduleNextPoll();
        return StatusOf(state.State);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(Caller caller)
    {
        if (!Visible(caller)) return false;
        await StopPollingAsync();
        await DropReminderAsync();
        await _writes.WaitAsync();
        try
        {
            await state.ClearStateAsync();
        }
        finally
        {
            _writes.Release();
        }
        await GrainFactory.GetGrain<IFeedRegistryGrain>(0).RemoveAsync(Id);
        logger.LogInformation("Feed subscription {Id} deleted", Id);
        DeactivateOnIdle();
        return true;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName) return;
        if (!IsActive)
            await DropReminderAsync();
        else if (_timer is null)
            ScheduleNextPoll();
    }

    // Arms the timer for the next due poll (now when overdue); a poll in progress re-arms it when it ends.
    private void ScheduleNextPoll()
    {
        if (!IsActive || !_polling.IsCompleted) return;
        var due = (state.State.NextPollAt ?? clock.GetUtcNow()) - clock.GetUtcNow();
        if (due < TimeSpan.Zero) due = TimeSpan.Zero;
        if (_timer is null)
            _timer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        else
            _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private Task OnTimerAsync(CancellationToken cancellationToken)
    {
        // The poll runs beside the grain's turns, so status, pause and delete answer while it waits on the source.
        if (IsActive && _polling.IsCompleted)
        {
            if (_pollCancel.IsCancellationRequested) _pollCancel = new CancellationTokenSource();
            _polling = PollAndRescheduleAsync(_pollCancel.Token);
        }
        return Task.CompletedTask;
    }

    private async Task PollAndRescheduleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PollAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Poll of feed subscription {Id} cancelled", Id);
        }
        catch (Exception e)
        {
            // Only a state write that kept failing gets here; the reminder or the next call re-arms the timer.
            logger.LogWarning(e, "Poll of feed subscription {Id} could not record its outcome", Id);
            _timer?.Dispose();
            _timer = null;
            return;
        }
        if (!cancellationToken.IsCancellationRequested && IsActive)
        {
            var due = (state.State.NextPollAt ?? clock.GetUtcNow()) - clock.GetUtcNow();
            _timer?.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (!IsActive) return;
            var s = state.State;
            var definition = s.Definition;
            var started = clock.GetUtcNow();
            s.LastPollAt = started;
            var overlap = Settings.Overlap;
            DateTimeOffset? from = s.Cursor is { } cursor ? cursor - overlap : null;
            if (definition.Start is { } start && (from is null || from < start)) from = start;
            var body = SearchBody(definition, from);
            var intake = GrainFactory.GetGrain<IAcquisitionIntakeGrain>(0);
            logger.LogInformation("Polling feed {Id}: {Source} from {From}", Id, definition.SourceUrl, from);

            try
            {
                DateTimeOffset? newest = null;
                var sorted = true;
                await foreach (var page in search.SearchAsync(definition.SourceUrl, body, cancellationToken))
                {
                    var fresh = new List<(string ItemId, DateTimeOffset Datetime, JsonObject Feature)>();
                    var inPage = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var feature in page.Features)
                    {
                        s.ItemsSeen++;
                        if (feature["id"] is not JsonValue idNode || idNode.GetValueKind() != JsonValueKind.String)
                        {
                            s.ItemsRejected++;
                            logger.LogWarning("Feed {Id}: the source returned a feature without an id", Id);
                            continue;
                        }
                        var itemId = idNode.GetValue<string>();
                        var datetime = DatetimeOf(feature) ?? started;
                        if (newest is { } n && datetime < n) sorted = false;
                        if (newest is null || datetime > newest) newest = datetime;
                        if (!s.Recent.ContainsKey(itemId) && inPage.Add(itemId)) fresh.Add((itemId, datetime, feature));
                    }
                    cancellationToken.ThrowIfCancellationRequested();
                    // The page's new items at once, each answered once its scene grain committed the acceptance.
                    var outcomes = await Task.WhenAll(fresh.Select(f => PublishAsync(intake, definition, f.ItemId, f.Feature)));
                    Exception? failure = null;
                    for (var i = 0; i < fresh.Count; i++)
                    {
                        switch (outcomes[i])
                        {
                            case null:
                                s.ItemsPublished++;
                                break;
                            case AcquisitionRejectedException:
                                // A bad item stays bad: remember it like a published one, never retry it.
                                s.ItemsRejected++;
                                break;
                            case var error:
                                failure ??= error;
                                continue;
                        }
                        s.Recent[fresh[i].ItemId] = fresh[i].Datetime;
                    }
                    if (failure is not null)
                    {
                        // Keep what went out; the cursor stays, so the next poll reads the failed items again.
                        await state.WriteStateAsync();
                        throw new InvalidOperationException($"Publishing an item failed: {failure.Message}", failure);
                    }
                    // Items arrived in datetime order so far: everything before the newest is done, the cursor may move.
                    if (sorted && newest is { } reached && (s.Cursor is null || reached > s.Cursor)) s.Cursor = reached;
                    Prune(s);
                    await state.WriteStateAsync();
                }
                // Every page read: the newest datetime seen is done, whatever order the source used.
                if (newest is { } last && (s.Cursor is null || last > s.Cursor)) s.Cursor = last;
                Prune(s);
                s.LastSuccessAt = clock.GetUtcNow();
                s.ConsecutiveFailures = 0;
                var next = started + definition.Period;
                s.NextPollAt = next > s.LastSuccessAt ? next : s.LastSuccessAt;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                s.ConsecutiveFailures++;
                s.LastError = e.Message;
                s.LastErrorAt = clock.GetUtcNow();
                s.NextPollAt = s.LastErrorAt + Backoff(definition.Period, s.ConsecutiveFailures);
                logger.LogWarning("Poll of feed {Id} failed ({Failures} in a row), next at {Next}: {Error}", Id, s.ConsecutiveFailures, s.NextPollAt, e.Message);
            }
            await state.WriteStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    // Null when the scene grain accepted the item (new or already known), else what went wrong.
    private async Task<Exception?> PublishAsync(IAcquisitionIntakeGrain intake, FeedSubscription definition, string itemId, JsonObject feature)
    {
        try
        {
            await intake.PublishAsync(new AcquisitionSubmission
            {
                ItemJson = feature.ToJsonString(),
                SourceHref = SelfHref(feature),
                Aoi = definition.Aoi,
                Products = definition.Products,
            }, new Caller(state.State.Owner, [Roles.Publisher]));
            return null;
        }
        catch (AcquisitionRejectedException e)
        {
            logger.LogWarning("Feed {Id}: item {ItemId} was refused by the intake: {Reason}", Id, itemId, e.Message);
            return e;
        }
        catch (Exception e)
        {
            logger.LogWarning("Feed {Id}: publishing item {ItemId} failed: {Error}", Id, itemId, e.Message);
            return e;
        }
    }

    /// <summary>The wait after <paramref name="failures"/> failed polls in a row: the period doubled per failure, at most <see cref="FeedSettings.MaxBackoff"/> (never less than the period).</summary>
    private TimeSpan Backoff(TimeSpan period, int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(period.Ticks * factor, TimeSpan.MaxValue.Ticks / 2.0));
        if (wait > Settings.MaxBackoff) wait = Settings.MaxBackoff;
        return wait < period ? period : wait;
    }

    private JsonObject SearchBody(FeedSubscription definition, DateTimeOffset? from)
    {
        var body = new JsonObject();
        if (definition.Collections is { Count: > 0 } collections)
            body["collections"] = new JsonArray([.. collections.Select(c => (JsonNode)JsonValue.Create(c))]);
        if (definition.Bbox is { } bbox)
            body["bbox"] = new JsonArray([.. bbox.Select(v => (JsonNode)JsonValue.Create(v))]);
        if (from is not null || definition.End is not null)
            body["datetime"] = $"{(from is { } f ? FeedSubscriptionRules.Format(f) : "..")}/{(definition.End is { } e ? FeedSubscriptionRules.Format(e) : "..")}";
        body["limit"] = Settings.PageSize;
        if (definition.Filter is { } filter)
        {
            body["filter"] = filter;
            body["filter-lang"] = "cql2-text";
        }
        body["sortby"] = new JsonArray(new JsonObject { ["field"] = "datetime", ["direction"] = "asc" });
        return body;
    }

    // Ids older than the cursor minus the overlap can no longer come back from a search, which starts there.
    private void Prune(FeedState s)
    {
        if (s.Cursor is not { } cursor) return;
        var horizon = cursor - Settings.Overlap;
        foreach (var old in s.Recent.Where(r => r.Value < horizon).Select(r => r.Key).ToList()) s.Recent.Remove(old);
    }

    private static DateTimeOffset? DatetimeOf(JsonObject feature)
    {
        var properties = feature["properties"] as JsonObject;
        foreach (var name in (string[])["datetime", "start_datetime"])
        {
            if (properties?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                return instant.ToUniversalTime();
        }
        return null;
    }

    private static string? SelfHref(JsonObject feature) =>
        feature["links"] is JsonArray links
            ? links.OfType<JsonObject>()
                .Where(l => l["rel"] is JsonValue rel && rel.GetValueKind() == JsonValueKind.String && rel.GetValue<string>() == "self")
                .Select(l => l["href"] is JsonValue href && href.GetValueKind() == JsonValueKind.String ? href.GetValue<string>() : null)
                .FirstOrDefault(h => h is not null && Uri.TryCreate(h, UriKind.Absolute, out _))
            : null;

    private async Task StopPollingAsync()
    {
        _timer?.Dispose();
        _timer = null;
        await _pollCancel.CancelAsync();
        await _polling.ContinueWith(_ => { }, TaskScheduler.Current);
    }

    private async Task HoldReminderAsync()
    {
        if (_reminderHeld) return;
        var period = siloSettings.Value.ResumePeriod;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
        _reminderHeld = true;
    }

    private async Task DropReminderAsync()
    {
        _reminderHeld = false;
        if (await this.GetReminder(ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private FeedSubscriptionStatus StatusOf(FeedState s) => new(
        Id, s.Owner, s.Definition, s.Status, s.CreatedAt, s.LastPollAt, s.LastSuccessAt, s.ItemsSeen, s.ItemsPublished, s.ItemsRejected,
        s.ConsecutiveFailures, s.LastError, s.LastErrorAt, s.Status == FeedStates.Active ? s.NextPollAt : null, s.Cursor);
}
