using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Grains.Catalog;
using Actors.Grains.Jobs;
using Actors.Grains.Products;
using Actors.Grains.Runtime;
using Actors.Grains.Scenes;
using Actors.Processing.Products;

namespace Actors.Grains.Queries;

/// <summary>Read models for the API, straight from committed grain state (any silo can answer for any key).</summary>
public sealed class StatusQueries(IGrainStateStore store, ProcessorRegistry processors)
{
    /// <summary>A scene and its products, or null if the scene is unknown.</summary>
    public async Task<SceneStatus?> SceneAsync(string sceneId, CancellationToken cancellationToken)
    {
        var scene = await store.ReadAsync<SceneState>(GrainKinds.Scene, sceneId, cancellationToken);
        if (scene is null) return null;
        var products = new List<ProductStatus>();
        foreach (var name in scene.State.Products)
        {
            var version = processors.Find(name)?.Version ?? "?";
            var stored = await store.ReadAsync<ProductState>(GrainKinds.Product, GrainKeys.Product(sceneId, name, version), cancellationToken);
            products.Add(stored?.State is { } p
                ? new ProductStatus(name, version, p.Status, p.Reason,
                    p.StacItemId is null ? null : StacCollections.ItemPath(name, p.StacItemId), p.Assets, p.Computations, p.ComputedBy)
                : new ProductStatus(name, version,
                    scene.State.Status == SceneStates.Failed ? ProductStates.Failed : ProductStates.Pending,
                    scene.State.Status == SceneStates.Failed ? $"Scene staging failed: {scene.State.Reason}" : null,
                    null, new Dictionary<string, string>(), 0));
        }
        return new SceneStatus(
            sceneId, scene.State.ItemId, scene.State.Status, scene.State.Reason,
            scene.State.Status == SceneStates.Staged ? StacCollections.ItemPath(StacCollections.Scenes, sceneId) : null,
            products, scene.UpdatedAt);
    }

    /// <summary>A job's status, or null if the job is unknown.</summary>
    public async Task<JobStatus?> JobAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await store.ReadAsync<JobState>(GrainKinds.Job, jobId, cancellationToken);
        if (job is null) return null;
        var p = job.State.Products;
        var counts = new JobCounts(p.Count,
            p.Count(x => x.State == ProductStates.Pending), p.Count(x => x.State == ProductStates.Running),
            p.Count(x => x.State == ProductStates.Completed), p.Count(x => x.State == ProductStates.Failed));
        return new JobStatus(jobId, JobGrain.JobStatusOf(job.State), job.State.Scenes, counts,
            p.Select(x => new JobProductState(x.SceneId, x.Product, x.State, x.Reason)).ToArray());
    }
}
