using Actors.Abstractions.OpenEo;
using Actors.Grains.Configuration;
using Actors.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.OpenEo;

/// <summary>
/// The cluster's batch job queue (<see cref="FairJobQueue"/>, capacity <see cref="OpenEoSettings.MaxRunningJobs"/>).
/// Grants to jobs other than the caller are one-way calls: the queue never waits on a job grain, so a job calling
/// the queue while the queue grants it a slot cannot deadlock. A grant lost with a silo is repeated when the job's
/// reminder enqueues it again.
/// </summary>
public sealed class OpenEoJobQueueGrain(
    [PersistentState("openeo-queue", GrainStorageNames.State)] IPersistentState<FairJobQueueState> state,
    IOptions<OpenEoSettings> settings,
    ILogger<OpenEoJobQueueGrain> logger) : Grain, IOpenEoJobQueueGrain
{
    private readonly FairJobQueue _queue = new(settings.Value.MaxRunningJobs);

    private FairJobQueueState Current => state.RecordExists ? state.State : FairJobQueueState.Empty;

    /// <inheritdoc />
    public async Task<bool> EnqueueAsync(string jobId, string owner)
    {
        var current = Current;
        if (FairJobQueue.IsRunning(current, jobId)) return true;
        var waiting = current.Waiting.Any(j => j.JobId == jobId);
        var (next, granted) = _queue.Dispatch(_queue.Enqueue(current, new QueuedJob(jobId, owner)));
        // A waiting job asking again (its reminder) changes nothing until a slot is free.
        if (waiting && granted.Count == 0) return false;
        await SaveAsync(next);
        logger.LogInformation("Job {JobId} of {Owner} queued: {Running} running, {Waiting} waiting", jobId, owner, next.Running.Count, next.Waiting.Count);
        NotifyGranted(granted.Where(g => g.JobId != jobId));
        return FairJobQueue.IsRunning(next, jobId);
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string jobId)
    {
        var removed = _queue.Remove(Current, jobId);
        if (removed.Running.Count == Current.Running.Count && removed.Waiting.Count == Current.Waiting.Count) return;
        var (next, granted) = _queue.Dispatch(removed);
        await SaveAsync(next);
        logger.LogInformation("Job {JobId} left the queue: {Running} running, {Waiting} waiting", jobId, next.Running.Count, next.Waiting.Count);
        NotifyGranted(granted);
    }

    private void NotifyGranted(IEnumerable<QueuedJob> granted)
    {
        foreach (var job in granted)
        {
            logger.LogInformation("Job {JobId} of {Owner} granted a slot", job.JobId, job.Owner);
            // One-way: see the class remarks.
            _ = GrainFactory.GetGrain<IOpenEoJobGrain>(job.JobId).GrantAsync();
        }
    }

    private async Task SaveAsync(FairJobQueueState next)
    {
        state.State = next;
        await state.WriteStateAsync();
    }
}
