namespace Actors.Abstractions.Api;

/// <summary>Lifecycle states of a job.</summary>
public static class JobStates
{
    /// <summary>Known, nothing started yet.</summary>
    public const string Queued = "queued";
    /// <summary>Some work under way.</summary>
    public const string Running = "running";
    /// <summary>Everything completed.</summary>
    public const string Finished = "finished";
    /// <summary>Everything ended, at least one product failed.</summary>
    public const string Failed = "failed";
}

/// <summary>Answer of <c>GET /api/jobs/{id}</c>.</summary>
/// <param name="JobId">Job key.</param>
/// <param name="State">One of <see cref="JobStates"/>.</param>
/// <param name="Scenes">Scene keys tracked by the job.</param>
/// <param name="Counts">Product counts by state.</param>
/// <param name="Products">Each tracked product's state.</param>
[GenerateSerializer, Immutable]
public sealed record JobStatus(
    string JobId, string State, IReadOnlyList<string> Scenes, JobCounts Counts, IReadOnlyList<JobProductState> Products);

/// <summary>Product counts of a job by state.</summary>
[GenerateSerializer, Immutable]
public sealed record JobCounts(int Total, int Pending, int Running, int Completed, int Failed);

/// <summary>One product of one scene, as the job sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record JobProductState(string SceneId, string Product, string State, string? Reason);
