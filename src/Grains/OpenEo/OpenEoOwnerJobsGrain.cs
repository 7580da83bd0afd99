using Actors.Abstractions.OpenEo;
using Actors.Grains.Persistence;

namespace Actors.Grains.OpenEo;

/// <summary>The job ids of one owner, oldest first.</summary>
public sealed class OpenEoOwnerJobsGrain(
    [PersistentState("openeo-owner-jobs", GrainStorageNames.State)] IPersistentState<OpenEoOwnerJobsState> state) : Grain, IOpenEoOwnerJobsGrain
{
    // A grain without a stored record may hold no usable default state.
    private OpenEoOwnerJobsState Current => state.RecordExists ? state.State : new();

    /// <inheritdoc />
    public async Task AddAsync(string jobId)
    {
        if (Current.JobIds.Contains(jobId)) return;
        state.State = new OpenEoOwnerJobsState([.. Current.JobIds, jobId]);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string jobId)
    {
        if (!Current.JobIds.Contains(jobId)) return;
        state.State = new OpenEoOwnerJobsState(Current.JobIds.Where(id => id != jobId).ToList());
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult(Current.JobIds);
}

/// <summary>Durable state of <see cref="OpenEoOwnerJobsGrain"/>.</summary>
/// <param name="JobIds">The owner's job ids, oldest first.</param>
public sealed record OpenEoOwnerJobsState(IReadOnlyList<string> JobIds)
{
    /// <summary>No jobs (what a new grain starts with).</summary>
    public OpenEoOwnerJobsState()
        : this([])
    {
    }
}
