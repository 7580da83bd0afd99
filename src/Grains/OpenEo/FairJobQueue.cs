namespace Actors.Grains.OpenEo;

/// <summary>A job waiting for or holding a slot.</summary>
/// <param name="JobId">Job id.</param>
/// <param name="Owner">Its owner.</param>
public sealed record QueuedJob(string JobId, string Owner);

/// <summary>The durable state of the job queue.</summary>
/// <param name="Running">Jobs holding a slot.</param>
/// <param name="Waiting">Jobs waiting, in arrival order.</param>
/// <param name="LastServed">Per owner, the grant number of its latest grant.</param>
/// <param name="Grants">Grants made so far.</param>
public sealed record FairJobQueueState(
    IReadOnlyList<QueuedJob> Running, IReadOnlyList<QueuedJob> Waiting, IReadOnlyDictionary<string, long> LastServed, long Grants)
{
    /// <summary>An empty queue.</summary>
    public static FairJobQueueState Empty { get; } = new([], [], new Dictionary<string, long>(), 0);
}

/// <summary>
/// Who runs next: at most <c>capacity</c> jobs hold a slot; a free slot goes to the owner with the fewest running
/// jobs, among equals the one served longest ago (round-robin), and within an owner to its oldest waiting job. So a
/// user who queued many jobs cannot starve one who queued a single job. Pure: the grain persists the state.
/// </summary>
public sealed class FairJobQueue(int capacity)
{
    private readonly int _capacity = Math.Max(1, capacity);

    /// <summary>Adds <paramref name="job"/> if it is neither waiting nor running.</summary>
    public FairJobQueueState Enqueue(FairJobQueueState state, QueuedJob job) =>
        Contains(state, job.JobId) ? state : state with { Waiting = [.. state.Waiting, job] };

    /// <summary>Removes the job, waiting or running.</summary>
    public FairJobQueueState Remove(FairJobQueueState state, string jobId) => state with
    {
        Running = state.Running.Where(j => j.JobId != jobId).ToList(),
        Waiting = state.Waiting.Where(j => j.JobId != jobId).ToList(),
    };

    /// <summary>True when the job holds a slot.</summary>
    public static bool IsRunning(FairJobQueueState state, string jobId) => state.Running.Any(j => j.JobId == jobId);

    /// <summary>Fills the free slots; returns the new state and the jobs just granted, in grant order.</summary>
    public (FairJobQueueState State, IReadOnlyList<QueuedJob> Granted) Dispatch(FairJobQueueState state)
    {
        var running = state.Running.ToList();
        var waiting = state.Waiting.ToList();
        var lastServed = new Dictionary<string, long>(state.LastServed, StringComparer.Ordinal);
        var grants = state.Grants;
        var granted = new List<QueuedJob>();
        while (running.Count < _capacity && waiting.Count > 0)
        {
            // Owners in order of their oldest waiting job, so ties between never-served owners go to the earlier one.
            var owner = waiting.Select(j => j.Owner).Distinct(StringComparer.Ordinal)
                .OrderBy(o => running.Count(r => r.Owner == o))
                .ThenBy(o => lastServed.GetValueOrDefault(o, -1))
                .First();
            var next = waiting.First(j => j.Owner == owner);
            waiting.Remove(next);
            running.Add(next);
            lastServed[owner] = ++grants;
            granted.Add(next);
        }
        return (new FairJobQueueState(running, waiting, lastServed, grants), granted);
    }

    private static bool Contains(FairJobQueueState state, string jobId) =>
        state.Running.Any(j => j.JobId == jobId) || state.Waiting.Any(j => j.JobId == jobId);
}
