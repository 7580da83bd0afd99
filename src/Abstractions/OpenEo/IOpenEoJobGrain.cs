using Orleans.Concurrency;

namespace Actors.Abstractions.OpenEo;

/// <summary>
/// An openEO batch job (key: job id). The HTTP API checks the owner on every call (<see cref="OpenEoJobInfo.Owner"/>);
/// these methods are the silo's own and not callable by Orleans clients.
/// </summary>
public interface IOpenEoJobGrain : IGrainWithStringKey
{
    /// <summary>Creates the job for <paramref name="owner"/>; false when the id is taken.</summary>
    Task<bool> CreateAsync(string owner, OpenEoJobSpec spec);

    /// <summary>The job, or null when there is none.</summary>
    Task<OpenEoJobInfo?> GetAsync();

    /// <summary>Changes the job; the openEO error code (<c>JobLocked</c>) when it cannot be changed now, else null.</summary>
    Task<string?> UpdateAsync(OpenEoJobUpdate update);

    /// <summary>Queues the job (nothing when it is queued or running already); previous results are discarded.</summary>
    Task StartAsync();

    /// <summary>Stops a queued or running job: <c>canceled</c> at once, its computation stopped, its slot released.</summary>
    Task CancelAsync();

    /// <summary>Stops the job and removes it with its results.</summary>
    Task DeleteAsync();

    /// <summary>Log entries after <paramref name="offset"/> (an entry id) at <paramref name="level"/> or above.</summary>
    Task<OpenEoLogPage> GetLogsAsync(string? offset, string? level, int limit);

    /// <summary>The queue granted a slot: the job starts computing (or gives the slot back when it no longer waits).</summary>
    [OneWay]
    Task GrantAsync();
}

/// <summary>
/// The cluster's batch job queue (one, key <see cref="DefaultKey"/>): at most <c>OpenEo:MaxRunningJobs</c> run at
/// once; waiting jobs are served fairly across owners.
/// </summary>
public interface IOpenEoJobQueueGrain : IGrainWithStringKey
{
    /// <summary>The key of the queue.</summary>
    const string DefaultKey = "default";

    /// <summary>Adds the job to the queue (idempotent); true when it holds a slot now and may run.</summary>
    Task<bool> EnqueueAsync(string jobId, string owner);

    /// <summary>Removes the job from the queue or frees its slot; the next waiting jobs are granted theirs.</summary>
    Task ReleaseAsync(string jobId);
}

/// <summary>The jobs of one owner (key: owner subject), for <c>GET /jobs</c>.</summary>
public interface IOpenEoOwnerJobsGrain : IGrainWithStringKey
{
    /// <summary>Adds a job id.</summary>
    Task AddAsync(string jobId);

    /// <summary>Removes a job id.</summary>
    Task RemoveAsync(string jobId);

    /// <summary>The job ids, oldest first.</summary>
    Task<IReadOnlyList<string>> ListAsync();
}

/// <summary>The user-defined processes of one owner (key: owner subject), as JSON text by process id.</summary>
public interface IOpenEoProcessGraphsGrain : IGrainWithStringKey
{
    /// <summary>Stores or replaces a process.</summary>
    Task PutAsync(string id, string process);

    /// <summary>A process, or null.</summary>
    Task<string?> GetAsync(string id);

    /// <summary>Removes a process; false when there was none.</summary>
    Task<bool> DeleteAsync(string id);

    /// <summary>Every process by id.</summary>
    Task<IReadOnlyDictionary<string, string>> ListAsync();
}

/// <summary>The cluster's key for signed result links (one, key <see cref="DefaultKey"/>), created once and kept.</summary>
public interface IOpenEoSigningKeyGrain : IGrainWithStringKey
{
    /// <summary>The key of the grain.</summary>
    const string DefaultKey = "default";

    /// <summary>The signing key (created on first use).</summary>
    Task<byte[]> GetKeyAsync();
}
