using Actors.Abstractions.Api;
using Actors.Abstractions.Messages;
using Actors.Grains.Catalog;
using Actors.Grains.Configuration;
using Actors.Grains.Membership;
using Actors.Grains.Runtime;
using Actors.Grains.Storage;
using Actors.Processing;
using Actors.Processing.Products;
using Actors.Processing.Stac;
using Actors.Processing.Staging;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Scenes;

/// <summary>
/// The activator, keyed by scene: accepts acquisitions, stages the scene once (crop, COGs, STAC item)
/// and fans out one <see cref="ProcessProduct"/> per product. Every handler re-emits the follow-ups of
/// the committed state, so a repeated or redelivered message completes what a crash interrupted.
/// </summary>
public sealed class SceneGrain(
    GrainRuntime runtime,
    ISceneStager stager,
    ProcessorRegistry processors,
    IObjectStore objects,
    IStacCatalog catalog,
    WorkDirectory work,
    SiloIdentity silo,
    WorkOwnership ownership,
    OutageGuard outages,
    IOptions<SiloOptions> options,
    ILogger<SceneGrain> logger) : IConsumer<AcceptAcquisition>, IConsumer<StageScene>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<AcceptAcquisition> context)
    {
        var message = context.Message;
        await using var turn = await runtime.BeginTurnAsync<SceneState>(GrainKinds.Scene, message.SceneId, context.CancellationToken);
        var known = turn.State is not null;
        var jobs = message.JobId is null ? [] : new[] { message.JobId };
        var state = turn.State ?? new SceneState(
            StacItem.Parse(message.ItemJson).Id, message.ItemJson, message.ItemHref, message.Aoi, [], [], SceneStates.Accepted, null, []);
        var merged = state with
        {
            Products = state.Products.Union(message.Products).ToArray(),
            JobIds = state.JobIds.Union(jobs).ToArray(),
        };
        var productsAdded = !merged.Products.SequenceEqual(state.Products);
        // A product added later may need a band the first staging did not copy: stage again (same keys, same bytes).
        if (productsAdded && merged.Status == SceneStates.Staged
            && merged.Products.Select(processors.Get).SelectMany(p => p.RequiredBands).Except(merged.Bands).Any())
            merged = merged with { Status = SceneStates.Accepted };
        if (!known || productsAdded || !merged.JobIds.SequenceEqual(state.JobIds))
            await turn.CommitAsync(merged, merged.Status, null, context.CancellationToken);
        logger.LogInformation("Accepted acquisition of {SceneId} ({State}, repeat: {Repeat})", message.SceneId, merged.Status, known);

        await context.RespondAsync(new AcquisitionAccepted(message.SceneId, merged.Status, known));
        foreach (var job in merged.JobIds)
            await context.Publish(new TrackScene(job, message.SceneId, merged.Products), context.CancellationToken);
        await EmitFollowUpsAsync(context, message.SceneId, merged, context.CancellationToken);
    }

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<StageScene> context)
    {
        var sceneId = context.Message.SceneId;
        var cancellationToken = context.CancellationToken;
        await using var turn = await runtime.BeginTurnAsync<SceneState>(GrainKinds.Scene, sceneId, cancellationToken);
        if (turn.State is not { } state)
        {
            logger.LogWarning("StageScene for unknown scene {SceneId} ignored: it was never accepted", sceneId);
            return;
        }
        if (state.Status == SceneStates.Staging && await ownership.IsHeldElsewhereAsync(turn.Owner, cancellationToken))
        {
            logger.LogInformation("{SceneId} is being staged by live silo {Owner}; leaving it there", sceneId, turn.Owner);
            return;
        }
        if (state.Status is SceneStates.Accepted or SceneStates.Staging)
        {
            await turn.CommitAsync(state with { Status = SceneStates.Staging }, SceneStates.Staging, silo.InstanceId, cancellationToken);
            cancellationToken = outages.HeldWork;
            try
            {
                var bands = await StageAsync(sceneId, turn.State!, cancellationToken);
                var staged = turn.State! with { Status = SceneStates.Staged, Bands = bands };
                await outages.RunAsync($"Saving staged {sceneId}", ct => turn.CommitAsync(staged, SceneStates.Staged, null, ct), cancellationToken);
                logger.LogInformation("Staged {SceneId} with bands {Bands}", sceneId, string.Join(", ", bands));
            }
            catch (ProcessingException e)
            {
                await turn.CommitAsync(turn.State! with { Status = SceneStates.Failed, Reason = e.Message }, SceneStates.Failed, null, cancellationToken);
                logger.LogWarning("Staging {SceneId} failed: {Reason}", sceneId, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException && !TransientFailures.Is(e)
                                      && context.GetRetryAttempt() >= options.Value.RetryLimit - 1)
            {
                // The last try: record the failure rather than leave the scene staging forever.
                var reason = $"Unexpected error: {e.Message}";
                await turn.CommitAsync(turn.State! with { Status = SceneStates.Failed, Reason = reason }, SceneStates.Failed, null, cancellationToken);
                logger.LogError(e, "Staging {SceneId} failed on its last try", sceneId);
            }
        }
        // Repeating a follow-up is harmless (grains are idempotent), so the whole set is retried through an outage.
        await outages.RunAsync($"Publishing the follow-ups of {sceneId}", ct => EmitFollowUpsAsync(context, sceneId, turn.State!, ct), cancellationToken);
    }

    private async Task<IReadOnlyList<string>> StageAsync(string sceneId, SceneState state, CancellationToken cancellationToken)
    {
        var item = StacItem.Parse(state.ItemJson, state.ItemHref);
        var wanted = state.Products.Select(processors.Get).SelectMany(p => p.RequiredBands).Distinct(StringComparer.Ordinal).ToArray();
        // Stage every band the item has; a product whose band is missing fails on its own, with that reason.
        var available = wanted
            .Select(band => (band, href: TryResolve(item, band)))
            .Where(b => b.href is not null)
            .ToDictionary(b => b.band, b => AssetHref.ToGdalPath(b.href!), StringComparer.Ordinal);
        if (available.Count == 0)
            throw new ProcessingException($"STAC item '{item.Id}' has none of the bands the products need ({string.Join(", ", wanted)}).");

        using var scratch = work.Create();
        var staged = await stager.StageAsync(new StagingRequest(available, state.Aoi, scratch.Path), cancellationToken);
        var assets = new Dictionary<string, StoredAsset>(StringComparer.Ordinal);
        foreach (var (band, path) in staged.BandFiles)
        {
            var key = ObjectKeys.SceneBand(sceneId, band);
            var facts = await StacItemFactory.FileFactsAsync(path, cancellationToken);
            await outages.RunAsync($"Storing {key}", ct => objects.PutFileAsync(key, path, "image/tiff", ct), cancellationToken);
            assets[band] = new StoredAsset(key, objects.Href(key), facts);
        }
        var sceneItem = StacItemFactory.StagedScene(sceneId, item.Datetime, staged.Footprint, assets, state.ItemHref, state.Aoi);
        await outages.RunAsync($"Registering {sceneId}", ct => catalog.UpsertItemAsync(sceneItem, ct), cancellationToken);
        return assets.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    private static string? TryResolve(StacItem item, string band)
    {
        try
        {
            return item.ResolveBands([band])[band];
        }
        catch (ProcessingException)
        {
            return null;
        }
    }

    private async Task EmitFollowUpsAsync(ConsumeContext context, string sceneId, SceneState state, CancellationToken cancellationToken)
    {
        switch (state.Status)
        {
            case SceneStates.Accepted or SceneStates.Staging:
                await context.Publish(new StageScene(sceneId), cancellationToken);
                break;
            case SceneStates.Staged:
                foreach (var product in state.Products)
                    await context.Publish(new ProcessProduct(sceneId, product, ProductVersionOf(product)), cancellationToken);
                await context.Publish(new SceneStaged(sceneId, sceneId, state.Products), cancellationToken);
                break;
            case SceneStates.Failed:
                await context.Publish(new SceneFailed(sceneId, state.Reason ?? "staging failed"), cancellationToken);
                foreach (var product in state.Products)
                    await context.Publish(new ProductFailed(sceneId, product, ProductVersionOf(product), $"Scene staging failed: {state.Reason}"), cancellationToken);
                break;
        }
    }

    // The version is part of the product key: the processor this silo runs decides which version is made.
    private string ProductVersionOf(string product) => processors.Get(product).Version;
}
