using Actors.Abstractions.Api;
using Actors.Abstractions.Products;

namespace Actors.Abstractions.Jobs;

/// <summary>
/// Tracks the work a user submitted under a job id (the key): its scenes and each product's last state.
/// It subscribes to the <c>results</c> stream of every scene it tracks.
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Adds a scene and the products it makes to the job. Idempotent.</summary>
    Task TrackSceneAsync(string sceneId, IReadOnlyList<ProductRequest> products);

    /// <summary>The job's status, or null if the job has no scenes.</summary>
    Task<JobStatus?> GetStatusAsync();
}
