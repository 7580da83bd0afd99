using Actors.Abstractions.Publishing;
using Actors.Grains.Catalog;
using Actors.Grains.Execution;
using Actors.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Actors.Grains.Publishing;

/// <summary>
/// Pushes one item of our catalog to the external STAC API (<see cref="StacPublishingOptions"/>), keyed by
/// <c>{collection}/{itemId}</c>. A request is made durable first (state <c>pending</c> and a reminder named
/// <c>publish</c>), then pushed from a grain timer; a push the target could not take now is retried after
/// <see cref="StacPublishingOptions.RetryPeriod"/>, doubling up to <see cref="StacPublishingOptions.MaxRetryDelay"/>
/// (the due time is stored, so the backoff outlives the activation). The reminder brings a pending publication
/// back after a crash or a deactivation and is dropped once the publication is final. A target that refuses the
/// document (4xx other than 404 and 409) ends it <c>failed</c> with the reason. Orleans keeps one activation per
/// key and runs its turns one at a time, so pushes of one item never overlap; and each push is a POST that turns
/// into a PUT of the same id when the item exists, so however often an answer is lost and the push repeated,
/// the target holds the item once.
/// </summary>
public sealed class StacPublicationGrain(
    [PersistentState("publication", GrainStorageNames.State)] IPersistentState<PublicationState> state,
    StacTransactionsClient target,
    IStacCatalog catalog,
    OutageGuard outages,
    IOptions<StacPublishingOptions> options,
    IOptions<ReminderOptions> reminderOptions,
    TimeProvider clock,
    ILogger<StacPublicationGrain> logger) : Grain, IStacPublicationGrain, IRemindable
{
    private const string ReminderName = "publish";
    private IGrainTimer? _timer;
    private bool _reminderHeld;

    private StacPublishingOptions Settings => options.Value;

    private bool IsPending => state.RecordExists && state.State.Status == PublicationStates.Pending;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Activated by its reminder after a crash or a restart: carry on from the stored due time.
        if (IsPending) Schedule(state.State.NextAttemptAt);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<PublicationStatus> PublishAsync()
    {
        if (!state.RecordExists)
        {
            var (collection, itemId) = Key();
            state.State = PublicationState.Requested(collection, itemId, clock.GetUtcNow());
            await SaveAsync();
        }
        if (IsPending)
        {
            await HoldReminderAsync();
            Schedule(state.State.NextAttemptAt);
        }
        return Status();
    }

    /// <inheritdoc />
    public Task<PublicationStatus?> GetStatusAsync() => Task.FromResult(state.RecordExists ? Status() : null);

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!IsPending)
        {
            await DropReminderAsync();
            return;
        }
        _reminderHeld = true;
        Schedule(state.State.NextAttemptAt);
    }

    // The timer's turn: push when due.
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (!IsPending) return;
        if (!Settings.Enabled)
        {
            // Publishing was switched off after the request: the reminder keeps the publication until it is on again.
            logger.LogWarning("Publication of {Collection}/{ItemId} waits: Stac:Publish:Url is not set", state.State.Collection, state.State.ItemId);
            return;
        }
        var now = clock.GetUtcNow();
        if (state.State.NextAttemptAt is { } due && due > now)
        {
            Schedule(due);
            return;
        }
        try
        {
            await PushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The activation is leaving; the reminder resumes the publication.
        }
    }

    private async Task PushAsync(CancellationToken cancellationToken)
    {
        var current = state.State;
        var attempt = current.Attempts + 1;
        var targetCollection = Settings.TargetCollection(current.Collection);
        PushResult result;
        try
        {
            var item = await outages.RunAsync($"Reading {current.Collection}/{current.ItemId} to publish it",
                ct => catalog.GetItemAsync(current.Collection, current.ItemId, ct), cancellationToken);
            result = item is null
                ? new PushResult(PushOutcome.Refused, $"Item {current.ItemId} is not in our collection {current.Collection}.")
                : await target.PushAsync(item, targetCollection, ct => catalog.GetCollectionAsync(current.Collection, ct), cancellationToken);
        }
        catch (Exception e) when (TransientFailures.Is(e) && !cancellationToken.IsCancellationRequested)
        {
            result = new PushResult(PushOutcome.Retry, $"Our catalog is unavailable: {e.Message}");
        }

        var now = clock.GetUtcNow();
        var tried = current with { Attempts = attempt, LastAttemptAt = now };
        switch (result.Outcome)
        {
            case PushOutcome.Created or PushOutcome.Updated:
                var outcome = result.Outcome == PushOutcome.Created ? "created" : "updated";
                state.State = tried with { Status = PublicationStates.Published, Outcome = outcome, PublishedAt = now, NextAttemptAt = null };
                logger.LogInformation("Published {Collection}/{ItemId} to {Target} collection {TargetCollection}: {Outcome} (attempt {Attempt})",
                    current.Collection, current.ItemId, Settings.Url, targetCollection, outcome, attempt);
                break;
            case PushOutcome.Retry:
                var delay = Backoff(attempt);
                state.State = tried with { LastError = result.Detail, NextAttemptAt = now + delay };
                logger.LogInformation("Publishing {Collection}/{ItemId} to {Target} did not succeed (attempt {Attempt}), retrying in {Delay}: {Reason}",
                    current.Collection, current.ItemId, Settings.Url, attempt, delay, result.Detail);
                break;
            default:
                state.State = tried with { Status = PublicationStates.Failed, LastError = result.Detail, NextAttemptAt = null };
                logger.LogError("Publishing {Collection}/{ItemId} to {Target} failed for good (attempt {Attempt}): {Reason}",
                    current.Collection, current.ItemId, Settings.Url, attempt, result.Detail);
                break;
        }
        await SaveAsync();
        if (IsPending)
        {
            Schedule(state.State.NextAttemptAt);
        }
        else
        {
            await DropReminderAsync();
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>RetryPeriod × 2^(attempt − 1), at most MaxRetryDelay.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var delay = Settings.RetryPeriod;
        for (var i = 1; i < attempt && delay < Settings.MaxRetryDelay; i++) delay *= 2;
        return delay < Settings.MaxRetryDelay ? delay : Settings.MaxRetryDelay;
    }

    private void Schedule(DateTimeOffset? at)
    {
        var delay = at is { } due ? due - clock.GetUtcNow() : TimeSpan.Zero;
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        if (_timer is null)
            _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = false });
        else
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private async Task HoldReminderAsync()
    {
        if (_reminderHeld) return;
        // Orleans refuses periods below ReminderOptions.MinimumReminderPeriod (the silo sets it to Silo:ResumePeriod).
        var period = Settings.RetryPeriod > reminderOptions.Value.MinimumReminderPeriod ? Settings.RetryPeriod : reminderOptions.Value.MinimumReminderPeriod;
        await outages.RunAsync($"Registering the reminder of {this.GetGrainId()}",
            _ => this.RegisterOrUpdateReminder(ReminderName, period, period), CancellationToken.None);
        _reminderHeld = true;
    }

    private async Task DropReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
        _reminderHeld = false;
    }

    private async Task SaveAsync() =>
        await outages.RunAsync($"Saving {this.GetPrimaryKeyString()}", _ => state.WriteStateAsync(), CancellationToken.None);

    private PublicationStatus Status() => state.State.ToStatus(Settings.TargetCollection(state.State.Collection));

    // The key GrainKeys.Publication made.
    private (string Collection, string ItemId) Key()
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
            throw new ArgumentException($"A publication key is {{collection}}/{{itemId}}, not '{key}'.");
        return (key[..slash], key[(slash + 1)..]);
    }
}
