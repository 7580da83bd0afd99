using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Jobs;
using Actors.Abstractions.Products;
using Actors.Abstractions.Security;
using Actors.Abstractions.Streams;
using Actors.Grains.Persistence;
using Orleans.Runtime;
using Orleans.Streams;

namespace Actors.Grains.Jobs;

/// <summary>
/// Tracks the work a user submitted under a job id. It subscribes to the <c>results</c> stream of each of
/// its scenes and records every result; a status read asks the product grains still open, so a result lost
/// in flight (memory streams, a dead silo) never leaves the job wrong.
/// </summary>
public sealed class JobGrain(
    [PersistentState("job", GrainStorageNames.State)] IPersistentState<JobState> state) : Grain, IJobGrain
{
    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists) return;
        // Explicit subscriptions outlive activations; each new activation attaches its handler again.
        foreach (var sceneId in state.State.Scenes)
            foreach (var handle in await ResultsOf(sceneId).GetAllSubscriptionHandles())
                await handle.ResumeAsync(OnResultAsync);
    }

    /// <inheritdoc />
    public async Task ClaimAsync(Caller caller)
    {
        if (state.RecordExists)
        {
            if (state.State.OwnerOrAnonymous != caller.Subject)
                throw new OwnershipConflictException(
                    $"The job id '{this.GetPrimaryKeyString()}' is taken by another user; choose another job id.");
            return;
        }
        state.State = new JobState([], [], caller.Subject);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task TrackSceneAsync(string sceneId, IReadOnlyList<ProductRequest> products)
    {
        var current = state.RecordExists ? state.State : new JobState([], []);
        var entries = current.Products.ToList();
        foreach (var p in products)
            if (!entries.Any(e => e.SceneId == sceneId && e.Product == p.Product && e.Version == p.Version))
                entries.Add(new JobProductEntry(sceneId, p.Product, p.Version, ProductStates.Pending, null));
        var newScene = !current.Scenes.Contains(sceneId);
        if (!newScene && entries.Count == current.Products.Count) return;
        if (newScene && (await ResultsOf(sceneId).GetAllSubscriptionHandles()).Count == 0)
            await ResultsOf(sceneId).SubscribeAsync(OnResultAsync);
        state.State = current with { Scenes = newScene ? [.. current.Scenes, sceneId] : current.Scenes, Products = entries };
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<JobStatus?> GetStatusAsync(Caller caller)
    {
        // Another user's job answers exactly like a missing one, so ids reveal nothing.
        if (!state.RecordExists || state.State.Scenes.Count == 0 || !caller.MayAccess(state.State.OwnerOrAnonymous)) return null;
        var products = new List<JobProductState>();
        foreach (var entry in state.State.Products)
        {
            var current = entry;
            if (!ProductStates.IsFinal(entry.State)
                && await GrainFactory.GetGrain<IProductGrain>(GrainKeys.Product(entry.SceneId, entry.Product, entry.Version)).GetStatusAsync() is { } live)
                current = entry with { State = live.State, Reason = live.Reason };
            products.Add(new JobProductState(current.SceneId, current.Product, current.State, current.Reason));
        }
        var counts = new JobCounts(products.Count,
            products.Count(x => x.State == ProductStates.Pending), products.Count(x => x.State == ProductStates.Running),
            products.Count(x => x.State == ProductStates.Completed), products.Count(x => x.State == ProductStates.Failed));
        return new JobStatus(this.GetPrimaryKeyString(), StatusOf(products), state.State.Scenes, counts, products);
    }

    /// <summary>queued until something runs; finished or failed once every product is final.</summary>
    public static string StatusOf(IReadOnlyCollection<JobProductState> products)
    {
        if (products.Count == 0 || products.All(p => p.State == ProductStates.Pending)) return JobStates.Queued;
        if (!products.All(p => ProductStates.IsFinal(p.State))) return JobStates.Running;
        return products.Any(p => p.State == ProductStates.Failed) ? JobStates.Failed : JobStates.Finished;
    }

    private async Task OnResultAsync(ProductResult result, StreamSequenceToken? token)
    {
        if (!state.RecordExists) return;
        var entries = state.State.Products.ToList();
        var index = entries.FindIndex(e => e.SceneId == result.SceneId && e.Product == result.Product && e.Version == result.Version);
        // A repeated result (redelivery, a silo that died after publishing) changes nothing.
        if (index < 0 || (entries[index].State == result.State && entries[index].Reason == result.Reason)) return;
        entries[index] = entries[index] with { State = result.State, Reason = result.Reason };
        state.State = state.State with { Products = entries };
        await state.WriteStateAsync();
    }

    private IAsyncStream<ProductResult> ResultsOf(string sceneId) =>
        this.GetStreamProvider(StreamNames.Provider).GetStream<ProductResult>(StreamId.Create(StreamNames.Results, sceneId));
}
