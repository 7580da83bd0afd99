using Actors.Abstractions;
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
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Products;

/// <summary>
/// A processor, keyed by scene + product + version: makes the product once, stores COG and quicklook,
/// registers the STAC item and publishes the result. A completed product is never computed again. A
/// product found running is left to its owner while that silo lives (the message was a duplicate); if
/// the owner is dead, or is this silo after a failed try, the computation was interrupted and runs anew.
/// </summary>
public sealed class ProductGrain(
    GrainRuntime runtime,
    ProcessorRegistry processors,
    IObjectStore objects,
    IStacCatalog catalog,
    WorkDirectory work,
    SiloIdentity silo,
    WorkOwnership ownership,
    OutageGuard outages,
    IOptions<SiloOptions> options,
    ILogger<ProductGrain> logger) : IConsumer<ProcessProduct>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<ProcessProduct> context)
    {
        var (sceneId, product, version) = (context.Message.SceneId, context.Message.Product, context.Message.ProductVersion);
        var cancellationToken = context.CancellationToken;
        var key = GrainKeys.Product(sceneId, product, version);
        await using var turn = await runtime.BeginTurnAsync<ProductState>(GrainKinds.Product, key, cancellationToken);
        var state = turn.State ?? new ProductState(sceneId, product, version, ProductStates.Pending, null, 0, null, new Dictionary<string, string>());

        if (state.Status == ProductStates.Running && await ownership.IsHeldElsewhereAsync(turn.Owner, cancellationToken))
        {
            logger.LogInformation("{Product} for {SceneId} is being computed by live silo {Owner}; leaving it there", product, sceneId, turn.Owner);
            return;
        }
        if (state.Status is ProductStates.Pending or ProductStates.Running)
        {
            if (processors.Find(product) is not { } processor || processor.Version != version)
                state = state with { Status = ProductStates.Failed, Reason = $"This silo has no processor {product} {version}." };
            else if (state.Computations >= options.Value.RetryLimit)
                state = state with { Status = ProductStates.Failed, Reason = $"Gave up after {state.Computations} interrupted computations." };
            else
                state = await ComputeAsync(context, turn, state, processor);
            var final = state;
            cancellationToken = outages.HeldWork;
            await outages.RunAsync($"Saving {product} for {sceneId}", ct => turn.CommitAsync(final, final.Status, null, ct), cancellationToken);
        }

        if (state.Status == ProductStates.Completed)
            await outages.RunAsync("Publishing ProductCompleted",
                ct => context.Publish(new ProductCompleted(sceneId, product, version, state.StacItemId!, state.Assets), ct), cancellationToken);
        else
            await outages.RunAsync("Publishing ProductFailed",
                ct => context.Publish(new ProductFailed(sceneId, product, version, state.Reason ?? "failed"), ct), cancellationToken);
    }

    private async Task<ProductState> ComputeAsync(
        ConsumeContext context, GrainTurn<ProductState> turn, ProductState state, IProductProcessor processor)
    {
        var running = state with { Status = ProductStates.Running, Computations = state.Computations + 1, ComputedBy = silo.Name };
        await turn.CommitAsync(running, running.Status, silo.InstanceId, context.CancellationToken);
        var cancellationToken = outages.HeldWork;
        logger.LogInformation("Computing {Product} for {SceneId}, computation #{Computation} on {Silo}",
            state.Product, state.SceneId, running.Computations, silo.InstanceId);
        await outages.RunAsync("Publishing ProductStarted",
            ct => context.Publish(new ProductStarted(state.SceneId, state.Product, state.Version, running.Computations), ct), cancellationToken);
        try
        {
            var completed = await RunAsync(running, processor, cancellationToken);
            logger.LogInformation("Completed {Product} for {SceneId}", state.Product, state.SceneId);
            return completed;
        }
        catch (ProcessingException e)
        {
            logger.LogWarning("{Product} for {SceneId} failed: {Reason}", state.Product, state.SceneId, e.Message);
            return running with { Status = ProductStates.Failed, Reason = e.Message };
        }
        catch (Exception e) when (e is not OperationCanceledException && !TransientFailures.Is(e)
                                  && context.GetRetryAttempt() >= options.Value.RetryLimit - 1)
        {
            logger.LogError(e, "{Product} for {SceneId} failed on its last try", state.Product, state.SceneId);
            return running with { Status = ProductStates.Failed, Reason = $"Unexpected error: {e.Message}" };
        }
    }

    private async Task<ProductState> RunAsync(ProductState state, IProductProcessor processor, CancellationToken cancellationToken)
    {
        // The staged scene's catalog item is the processor's input contract, as in the activator/processor design.
        var sceneItem = await outages.RunAsync($"Reading the catalog item of {state.SceneId}",
                ct => catalog.GetItemAsync(StacCollections.Scenes, state.SceneId, ct), cancellationToken)
            ?? throw new InvalidOperationException($"Staged scene item {state.SceneId} is not in the catalog yet.");
        var bands = StacItem.Parse(sceneItem.ToJsonString())
            .ResolveBands(processor.RequiredBands)
            .ToDictionary(kv => kv.Key, kv => objects.GdalPath(ObjectKeys.SceneBand(state.SceneId, kv.Key)), StringComparer.Ordinal);

        using var scratch = work.Create();
        var output = await processor.RunAsync(new ProductInput(bands, scratch.Path, state.Product), cancellationToken);
        var data = await StoreAsync(ObjectKeys.ProductData(state.SceneId, state.Product, state.Version), output.DataFile, "image/tiff", cancellationToken);
        var quicklook = await StoreAsync(ObjectKeys.ProductQuicklook(state.SceneId, state.Product, state.Version), output.QuicklookFile, "image/png", cancellationToken);
        var item = StacItemFactory.Product(state.SceneId, sceneItem["properties"]?["datetime"]?.GetValue<string>(), processor, output, data, quicklook);
        await outages.RunAsync($"Registering {item["id"]}", ct => catalog.UpsertItemAsync(item, ct), cancellationToken);
        return state with
        {
            Status = ProductStates.Completed,
            Reason = null,
            StacItemId = item["id"]!.GetValue<string>(),
            Assets = new Dictionary<string, string> { ["data"] = data.Href, ["quicklook"] = quicklook.Href },
        };
    }

    private async Task<StoredAsset> StoreAsync(string key, string path, string contentType, CancellationToken cancellationToken)
    {
        var facts = await StacItemFactory.FileFactsAsync(path, cancellationToken);
        await outages.RunAsync($"Storing {key}", ct => objects.PutFileAsync(key, path, contentType, ct), cancellationToken);
        return new StoredAsset(key, objects.Href(key), facts);
    }
}
