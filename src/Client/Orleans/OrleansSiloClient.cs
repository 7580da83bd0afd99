using System.Net;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Cluster;
using Actors.Abstractions.Feeds;
using Actors.Abstractions.Jobs;
using Actors.Abstractions.Products;
using Actors.Abstractions.Scenes;
using Actors.Abstractions.Security;
using Actors.Abstractions.Streams;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace Actors.Client.Orleans;

/// <summary>
/// The system as an Orleans client sees it: publishes acquisitions through the intake grain, reads scene,
/// job and membership state from the grains directly, and follows a scene's <c>results</c> stream. Same
/// operations and errors as the HTTP <see cref="SiloClient"/>. Register it with
/// <see cref="OrleansClientHostingExtensions.AddOrleansSiloClient"/>. With <see cref="OrleansConnectionOptions.AccessToken"/> set,
/// every call carries it and the silos apply the HTTP API's roles and owners to it.
/// </summary>
public sealed class OrleansSiloClient(IClusterClient cluster, OrleansConnectionOptions options) : ISiloClient
{
    // What the client says it is does not matter: the silo replaces it by whom the access token stands for.
    private static readonly Caller Claimed = new(Caller.AnonymousSubject, []);

    /// <summary>Time between polls of <see cref="WaitForSceneAsync"/>; 250 ms unless set.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc />
    public Task<AcquisitionResponse> PublishAsync(AcquisitionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync("publish", () => cluster.GetGrain<IAcquisitionIntakeGrain>(0).PublishAsync(request.ToSubmission(), Claimed), cancellationToken);
    }

    /// <summary>
    /// Validates an acquisition and puts it on the <c>acquisitions</c> stream without waiting for its scene
    /// grain; returns the scene id to follow. The scene is known once the stream has delivered the event;
    /// until then <see cref="GetSceneAsync"/> answers 404.
    /// </summary>
    /// <exception cref="SiloApiException">Invalid input (400, with the reason) or a failure of the cluster.</exception>
    public Task<string> EnqueueAsync(AcquisitionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync("enqueue", () => cluster.GetGrain<IAcquisitionIntakeGrain>(0).EnqueueAsync(request.ToSubmission(), Claimed), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SceneStatus> GetSceneAsync(string sceneId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sceneId);
        return await CallAsync($"scene {sceneId}", () => cluster.GetGrain<ISceneGrain>(sceneId).GetStatusAsync(), cancellationToken)
            ?? throw new SiloApiException(HttpStatusCode.NotFound, $"No scene '{sceneId}'.", $"scene {sceneId}");
    }

    /// <inheritdoc />
    public async Task<JobStatus> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return await CallAsync($"job {jobId}", () => cluster.GetGrain<IJobGrain>(jobId).GetStatusAsync(Claimed), cancellationToken)
            ?? throw new SiloApiException(HttpStatusCode.NotFound, $"No job '{jobId}'.", $"job {jobId}");
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SiloMember>> GetSilosAsync(CancellationToken cancellationToken = default) =>
        CallAsync("membership", () => ClusterMembership.ListAsync(cluster), cancellationToken);

    /// <inheritdoc />
    public Task<StreamLagReport> GetStreamsAsync(CancellationToken cancellationToken = default) =>
        CallAsync("stream lag", () => cluster.GetGrain<IStreamLagGrain>(0).GetState(), cancellationToken);

    /// <inheritdoc />
    public Task<FeedSubscriptionStatus> CreateSubscriptionAsync(SubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync("create subscription", () =>
        {
            var (id, definition) = request.ToDefinition();
            return cluster.GetGrain<IFeedSubscriptionGrain>(id).CreateAsync(definition, Claimed);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedSubscriptionStatus>> ListSubscriptionsAsync(CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<FeedSubscriptionStatus>>("subscriptions", async () =>
        {
            var ids = await cluster.GetGrain<IFeedRegistryGrain>(0).ListAsync();
            var statuses = await Task.WhenAll(ids.Select(id => cluster.GetGrain<IFeedSubscriptionGrain>(id).GetStatusAsync(Claimed)));
            return statuses.OfType<FeedSubscriptionStatus>().ToArray();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<FeedSubscriptionStatus> GetSubscriptionAsync(string id, CancellationToken cancellationToken = default) =>
        SubscriptionCallAsync(id, "subscription", g => g.GetStatusAsync(Claimed), cancellationToken);

    /// <inheritdoc />
    public Task<FeedSubscriptionStatus> PauseSubscriptionAsync(string id, CancellationToken cancellationToken = default) =>
        SubscriptionCallAsync(id, "pause subscription", g => g.PauseAsync(Claimed), cancellationToken);

    /// <inheritdoc />
    public Task<FeedSubscriptionStatus> ResumeSubscriptionAsync(string id, CancellationToken cancellationToken = default) =>
        SubscriptionCallAsync(id, "resume subscription", g => g.ResumeAsync(Claimed), cancellationToken);

    /// <inheritdoc />
    public async Task DeleteSubscriptionAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (!await CallAsync($"delete subscription {id}", () => cluster.GetGrain<IFeedSubscriptionGrain>(id).DeleteAsync(Claimed), cancellationToken))
            throw new SiloApiException(HttpStatusCode.NotFound, $"No subscription '{id}'.", $"delete subscription {id}");
    }

    /// <inheritdoc />
    public Task<SceneStatus> WaitForSceneAsync(
        string sceneId, TimeSpan timeout, IProgress<SceneStatus>? progress = null, CancellationToken cancellationToken = default) =>
        SceneWaiter.WaitAsync(this, sceneId, timeout, PollInterval, progress, cancellationToken);

    /// <summary>
    /// Calls <paramref name="onResult"/> for every product result of the scene from now on (completed or
    /// failed; a repeat is possible after a silo died). Unsubscribe through the returned handle.
    /// </summary>
    public Task<StreamSubscriptionHandle<ProductResult>> SubscribeToResultsAsync(string sceneId, Func<ProductResult, Task> onResult)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sceneId);
        ArgumentNullException.ThrowIfNull(onResult);
        if (!string.IsNullOrEmpty(options.AccessToken)) RequestContext.Set(CallerCredentials.RequestContextKey, options.AccessToken);
        return cluster.GetStreamProvider(StreamNames.Provider)
            .GetStream<ProductResult>(StreamId.Create(StreamNames.Results, sceneId))
            .SubscribeAsync((result, _) => onResult(result));
    }

    private async Task<FeedSubscriptionStatus> SubscriptionCallAsync(
        string id, string what, Func<IFeedSubscriptionGrain, Task<FeedSubscriptionStatus?>> call, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return await CallAsync($"{what} {id}", () => call(cluster.GetGrain<IFeedSubscriptionGrain>(id)), cancellationToken)
            ?? throw new SiloApiException(HttpStatusCode.NotFound, $"No subscription '{id}'.", $"{what} {id}");
    }

    // Grain calls fail with the cluster's exceptions; callers get the HTTP client's: 400 for a rejection, 409 for a conflict,
    // 429 when the silo reads too many items at once, 503 when no silo could answer.
    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            // RequestContext flows with the call (and every call it makes); set here, it travels with this one only.
            if (!string.IsNullOrEmpty(options.AccessToken)) RequestContext.Set(CallerCredentials.RequestContextKey, options.AccessToken);
            return await call().WaitAsync(cancellationToken);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SiloApiException(HttpStatusCode.Forbidden, e.Message, what);
        }
        catch (OwnershipConflictException e)
        {
            throw new SiloApiException(HttpStatusCode.Conflict, e.Message, what);
        }
        catch (AcquisitionRejectedException e)
        {
            throw new SiloApiException(HttpStatusCode.BadRequest, e.Message, what);
        }
        catch (AcquisitionBusyException e)
        {
            throw new SiloApiException(HttpStatusCode.TooManyRequests, e.Message, what);
        }
        catch (FeedSubscriptionRejectedException e)
        {
            throw new SiloApiException(HttpStatusCode.BadRequest, e.Message, what);
        }
        catch (FeedSubscriptionConflictException e)
        {
            throw new SiloApiException(HttpStatusCode.Conflict, e.Message, what);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new SiloApiException(HttpStatusCode.ServiceUnavailable, $"The cluster could not answer ({what}): {e.Message}", what);
        }
    }
}
