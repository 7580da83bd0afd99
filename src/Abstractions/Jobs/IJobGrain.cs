using Actors.Abstractions.Api;
using Actors.Abstractions.Products;
using Actors.Abstractions.Security;

namespace Actors.Abstractions.Jobs;

/// <summary>
/// Tracks the work a user submitted under a job id (the key): its scenes and each product's last state.
/// It subscribes to the <c>results</c> stream of every scene it tracks. A job belongs to the user whose
/// acquisition first named it; only that user and administrators see it.
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Makes <paramref name="caller"/> the job's owner if it has none; idempotent for the owner.</summary>
    /// <exception cref="OwnershipConflictException">Another user owns the job id.</exception>
    Task ClaimAsync(Caller caller);

    /// <summary>Adds a scene and the products it makes to the job. Idempotent.</summary>
    Task TrackSceneAsync(string sceneId, IReadOnlyList<ProductRequest> products);

    /// <summary>The job's status, or null if the job has no scenes or <paramref name="caller"/> may not see it.</summary>
    [RequiresRole(Roles.Reader)]
    Task<JobStatus?> GetStatusAsync(Caller caller);
}
