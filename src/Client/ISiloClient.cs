using Actors.Abstractions.Api;
using Actors.Abstractions.Feeds;
using Actors.Abstractions.Streams;

namespace Actors.Client;

/// <summary>
/// What a program does with the system, the same whichever way it connects: over HTTP (<see cref="SiloClient"/>)
/// or as an Orleans client of the cluster (<see cref="Orleans.OrleansSiloClient"/>). Both raise the same
/// <see cref="SiloApiException"/> status codes for the same failures (400 invalid input, 404 unknown id).
/// </summary>
public interface ISiloClient
{
    /// <summary>Publishes an acquisition and answers once its scene grain has committed it. Repeating the same acquisition returns the same scene.</summary>
    /// <exception cref="SiloApiException">Invalid input (400, with the reason) or a failure of the cluster.</exception>
    Task<AcquisitionResponse> PublishAsync(AcquisitionRequest request, CancellationToken cancellationToken = default);

    /// <summary>The state of a scene and each of its products.</summary>
    /// <exception cref="SiloApiException">Unknown scene (404) or a failure of the cluster.</exception>
    Task<SceneStatus> GetSceneAsync(string sceneId, CancellationToken cancellationToken = default);

    /// <summary>The state of a job and counts of its products by state.</summary>
    /// <exception cref="SiloApiException">Unknown job (404) or a failure of the cluster.</exception>
    Task<JobStatus> GetJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>The cluster's silos from Orleans' membership table, newest first.</summary>
    Task<IReadOnlyList<SiloMember>> GetSilosAsync(CancellationToken cancellationToken = default);

    /// <summary>The lag of the event streams (with Redis Streams: length, pending and unread entries per key).</summary>
    Task<StreamLagReport> GetStreamsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a feed subscription, which starts polling at once. Creating the same subscription again returns its
    /// status and changes nothing.
    /// </summary>
    /// <exception cref="SiloApiException">Invalid id or definition (400, with the reason), the id exists with another definition (409), or a failure of the cluster.</exception>
    Task<FeedSubscriptionStatus> CreateSubscriptionAsync(SubscriptionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every feed subscription's status, ordered by id.</summary>
    Task<IReadOnlyList<FeedSubscriptionStatus>> ListSubscriptionsAsync(CancellationToken cancellationToken = default);

    /// <summary>A feed subscription's definition and polling status (last poll, items seen and published, errors, next poll).</summary>
    /// <exception cref="SiloApiException">Unknown subscription (404) or a failure of the cluster.</exception>
    Task<FeedSubscriptionStatus> GetSubscriptionAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Pauses a feed subscription: no polls until it is resumed; its cursor is kept.</summary>
    /// <exception cref="SiloApiException">Unknown subscription (404) or a failure of the cluster.</exception>
    Task<FeedSubscriptionStatus> PauseSubscriptionAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Resumes a feed subscription: it polls at once and then on its period, from its cursor.</summary>
    /// <exception cref="SiloApiException">Unknown subscription (404) or a failure of the cluster.</exception>
    Task<FeedSubscriptionStatus> ResumeSubscriptionAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes a feed subscription: polling stops and its state is forgotten.</summary>
    /// <exception cref="SiloApiException">Unknown subscription (404) or a failure of the cluster.</exception>
    Task DeleteSubscriptionAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Follows a scene until it and all its products reach a final state (see <see cref="SceneStatus.IsFinished"/>)
    /// and returns that status, successful or not. <paramref name="progress"/> receives every change of state.
    /// </summary>
    /// <exception cref="SceneWaitTimeoutException">The scene did not finish in time.</exception>
    /// <exception cref="SiloApiException">The scene is unknown or the cluster failed.</exception>
    Task<SceneStatus> WaitForSceneAsync(string sceneId, TimeSpan timeout, IProgress<SceneStatus>? progress = null, CancellationToken cancellationToken = default);
}
