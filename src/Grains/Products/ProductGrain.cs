using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Products;
using Actors.Abstractions.Publishing;
using Actors.Abstractions.Streams;
using Actors.Grains.Catalog;
using Actors.Grains.Configuration;
using Actors.Grains.Execution;
using Actors.Grains.Persistence;
using Actors.Grains.Publishing;
using Actors.Grains.Results;
using Actors.Grains.Storage;
using Actors.Processing;
using Actors.Processing.Products;
using Actors.Processing.Stac;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime;

namespace Actors.Grains.Products;

/// <summary>
/// A processor, keyed by scene + product + version. A request is made durable at once (state and a reminder)
/// and computed beside the grain's turns, so status calls are answered meanwhile. Orleans keeps one
/// activation per key in the cluster, so a duplicate request meets the computation in progress; a silo that
/// dies takes its activation along, and the reminder brings the product back on another silo, where the
/// interrupted computation starts anew. A completed product is never computed again.
/// </summary>
[ActivationCountBasedPlacement]
public sealed class ProductGrain(
    [PersistentState("product", GrainStorageNames.State)] IPersistentState<ProductState> state,
    ProcessorRegistry processors,
    IObjectStore objects,
    IStacCatalog catalog,
    WorkDirectory work,
    ComputeSlots slots,
    OutageGuard outages,
    IResultSink results,
    ILocalSiloDetails silo,
    IOptions<SiloSettings> settings,
    IOptions<StacPublishingOptions> publishing,
    ILogger<ProductGrain> logger) : Grain, IProductGrain, IRemindable
{
    private ResumableWork _work = null!;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _work = new ResumableWork(this, StepAsync, state.ReadStateAsync, outages, settings.Value.ResumePeriod, logger);
        // An activation that finds unfinished work (a silo died, the silo restarted) picks it up at once.
        if (state.RecordExists && !state.State.IsDone) _work.EnsureStarted();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _work.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<ProductStatus> RequestAsync(ProductRequest request)
    {
        if (!state.RecordExists)
        {
            state.State = ProductState.Requested(request);
            await outages.RunAsync($"Saving the request of {request.GrainKey}", _ => state.WriteStateAsync(), CancellationToken.None);
        }
        if (!state.State.IsDone)
        {
            await _work.HoldReminderAsync();
            _work.EnsureStarted();
        }
        return Status(state.State);
    }

    /// <inheritdoc />
    public async Task<ProductStatus> FailAsync(ProductRequest request, string reason)
    {
        var current = state.RecordExists ? state.State : ProductState.Requested(request);
        if (!ProductStates.IsFinal(current.Status) && !_work.IsRunning)
            await SaveAsync(current with { Status = ProductStates.Failed, Reason = reason });
        return await RequestAsync(request);
    }

    /// <inheritdoc />
    public Task<ProductStatus?> GetStatusAsync() => Task.FromResult(state.RecordExists ? Status(state.State) : null);

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!state.RecordExists || state.State.IsDone)
            await _work.DropReminderAsync();
        else
            _work.EnsureStarted();
    }

    // One step towards done; false when there is nothing left to do.
    private async Task<bool> StepAsync()
    {
        var current = state.State;
        if (current.IsDone)
        {
            await _work.DropReminderAsync();
            DeactivateOnIdle();
            return false;
        }
        if (ProductStates.IsFinal(current.Status))
        {
            await RequestPublicationAsync(current);
            await PublishAsync(current.ToResult());
            await SaveAsync(current with { ResultPublished = true });
            return true;
        }
        if (processors.Find(current.Product) is not { } processor || processor.Version != current.Version)
            await SaveAsync(current with { Status = ProductStates.Failed, Reason = $"This silo has no processor {current.Product} {current.Version}." });
        else if (current.Computations >= settings.Value.RetryLimit)
            await SaveAsync(current with { Status = ProductStates.Failed, Reason = current.Reason ?? $"Gave up after {current.Computations} interrupted computations." });
        else
            await ComputeAsync(current, processor);
        return true;
    }

    private async Task ComputeAsync(ProductState current, IProductProcessor processor)
    {
        await _work.HoldReminderAsync();
        using var slot = await slots.ProductAsync(_work.Leaving);
        var running = current with { Status = ProductStates.Running, Computations = current.Computations + 1, ComputedBy = silo.Name, Reason = null };
        await SaveAsync(running);
        logger.LogInformation("Computing {Product} for {SceneId}, computation #{Computation} on {Silo}",
            running.Product, running.SceneId, running.Computations, silo.Name);
        try
        {
            // Off the grain's scheduler: the computation takes seconds on every core.
            var completed = await Task.Run(() => MakeAsync(running, processor, _work.Abort), _work.Abort);
            await SaveAsync(completed);
            logger.LogInformation("Completed {Product} for {SceneId}", running.Product, running.SceneId);
        }
        catch (ProcessingException e)
        {
            logger.LogWarning("{Product} for {SceneId} failed: {Reason}", running.Product, running.SceneId, e.Message);
            await SaveAsync(running with { Status = ProductStates.Failed, Reason = e.Message });
        }
        catch (Exception e) when (e is not OperationCanceledException && !TransientFailures.Is(e))
        {
            // Counted as a computation: after RetryLimit of them the product fails with this reason.
            logger.LogError(e, "{Product} for {SceneId} failed unexpectedly (computation #{Computation})", running.Product, running.SceneId, running.Computations);
            await SaveAsync(running with { Reason = $"Unexpected error: {e.Message}" });
        }
    }

    private async Task<ProductState> MakeAsync(ProductState state, IProductProcessor processor, CancellationToken cancellationToken)
    {
        // The staged scene's catalog item is the processor's input contract, as in the activator/processor design.
        var sceneItem = await outages.RunAsync($"Reading the catalog item of {state.SceneId}",
                ct => catalog.GetItemAsync(StacCollections.Scenes, state.SceneId, ct), cancellationToken)
            ?? throw new ProcessingException($"Staged scene item {state.SceneId} is not in the catalog.");
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

    private async Task SaveAsync(ProductState next)
    {
        state.State = next;
        await outages.RunAsync($"Saving {this.GetPrimaryKeyString()}", _ => state.WriteStateAsync(), CancellationToken.None);
    }

    // Publishing outward (Stac:Publish:Url set): hands the completed item to its publication grain, which commits the
    // request before it answers. Called before ResultPublished is written, so a crash in between repeats the call
    // from this grain's resume reminder; a repeated call changes nothing.
    private async Task RequestPublicationAsync(ProductState completed)
    {
        if (completed.Status != ProductStates.Completed || completed.StacItemId is not { } itemId || !publishing.Value.Enabled) return;
        // The product's item lives in the collection named after the product (StacItemFactory.Product).
        var publication = GrainFactory.GetGrain<IStacPublicationGrain>(GrainKeys.Publication(completed.Product, itemId));
        await outages.RunAsync($"Requesting the publication of {itemId}", _ => publication.PublishAsync(), CancellationToken.None);
    }

    // On the scene's results stream and in the outside consumers' keys; the work stays open until both took it.
    private async Task PublishAsync(ProductResult result)
    {
        await outages.RunAsync($"Publishing the result of {this.GetPrimaryKeyString()}",
            _ => this.GetStreamProvider(StreamNames.Provider)
                .GetStream<ProductResult>(StreamId.Create(StreamNames.Results, result.SceneId))
                .OnNextAsync(result),
            CancellationToken.None);
        await outages.RunAsync($"Exporting the result of {this.GetPrimaryKeyString()}", ct => results.PublishAsync(result, ct), CancellationToken.None);
    }

    private static ProductStatus Status(ProductState p) => new(
        p.Product, p.Version, p.Status, p.Reason,
        p.StacItemId is null ? null : StacCollections.ItemPath(p.Product, p.StacItemId), p.Assets, p.Computations, p.ComputedBy);
}
