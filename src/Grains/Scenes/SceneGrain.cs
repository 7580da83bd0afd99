using Actors.Abstractions;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Jobs;
using Actors.Abstractions.Products;
using Actors.Abstractions.Scenes;
using Actors.Abstractions.Streams;
using Actors.Grains.Catalog;
using Actors.Grains.Configuration;
using Actors.Grains.Execution;
using Actors.Grains.Persistence;
using Actors.Grains.Storage;
using Actors.Processing;
using Actors.Processing.Products;
using Actors.Processing.Stac;
using Actors.Processing.Staging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Actors.Grains.Scenes;

/// <summary>
/// The activator, keyed by scene. Acceptance is committed before it answers (state, and a reminder while
/// work is open); staging runs beside the grain's turns; then each product is handed to its product grain.
/// Acquisitions also arrive on the <c>acquisitions</c> stream, to which every scene grain is implicitly
/// subscribed. A repeated acquisition costs a state read.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Acquisitions)]
public sealed class SceneGrain(
    [PersistentState("scene", GrainStorageNames.State)] IPersistentState<SceneState> state,
    ISceneStager stager,
    ProcessorRegistry processors,
    IObjectStore objects,
    IStacCatalog catalog,
    WorkDirectory work,
    ComputeSlots slots,
    OutageGuard outages,
    IOptions<SiloSettings> settings,
    ILogger<SceneGrain> logger) : Grain, ISceneGrain, IRemindable, IStreamSubscriptionObserver, IAsyncObserver<Acquisition>
{
    private ResumableWork _work = null!;
    // Acceptance (a turn) and staging (background work) both change the state; one writer at a time.
    private readonly SemaphoreSlim _writes = new(1, 1);

    private string SceneId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _work = new ResumableWork(this, StepAsync, state.ReadStateAsync, outages, settings.Value.ResumePeriod, logger);
        if (state.RecordExists && !state.State.IsDone) _work.EnsureStarted();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _work.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<AcquisitionAccepted> AcceptAsync(Acquisition acquisition)
    {
        var known = state.RecordExists;
        var current = known ? state.State : new SceneState(
            StacItem.Parse(acquisition.ItemJson).Id, acquisition.ItemJson, acquisition.ItemHref, acquisition.Aoi,
            [], [], SceneStates.Accepted, null, [], [], DateTimeOffset.UtcNow);
        var jobs = acquisition.JobId is null ? [] : new[] { acquisition.JobId };
        var products = current.Products.Union(acquisition.Products).ToArray();
        var newJobs = jobs.Except(current.JobIds).ToArray();
        var productsAdded = products.Length != current.Products.Count;

        if (!known || productsAdded || newJobs.Length > 0)
        {
            await ChangeAsync(s =>
            {
                var basis = known ? s : current;
                var merged = basis with { Products = basis.Products.Union(products).ToArray(), JobIds = basis.JobIds.Union(jobs).ToArray() };
                // A product added later may need a band the first staging did not copy: stage again (same keys, same bytes).
                return productsAdded && merged.Status == SceneStates.Staged && MissingBands(merged).Any()
                    ? merged with { Status = SceneStates.Accepted }
                    : merged;
            });
            // Every job hears of every product of the scene, including products another acquisition asked for.
            var tracked = productsAdded ? state.State.JobIds : newJobs;
            var requests = state.State.Products.Select(ProductRequestOf).ToArray();
            foreach (var job in tracked)
                await GrainFactory.GetGrain<IJobGrain>(job).TrackSceneAsync(SceneId, requests);
        }
        logger.LogInformation("Accepted acquisition of {SceneId} ({State}, repeat: {Repeat})", SceneId, state.State.Status, known);
        if (!state.State.IsDone)
        {
            await _work.HoldReminderAsync();
            _work.EnsureStarted();
        }
        return new AcquisitionAccepted(SceneId, state.State.Status, known);
    }

    /// <inheritdoc />
    public async Task<SceneStatus?> GetStatusAsync()
    {
        if (!state.RecordExists) return null;
        var scene = state.State;
        var products = new List<ProductStatus>();
        foreach (var name in scene.Products)
        {
            var request = ProductRequestOf(name);
            var stored = scene.HandedOver.Contains(name)
                ? await GrainFactory.GetGrain<IProductGrain>(request.GrainKey).GetStatusAsync()
                : null;
            products.Add(stored ?? new ProductStatus(name, request.Version,
                scene.Status == SceneStates.Failed ? ProductStates.Failed : ProductStates.Pending,
                scene.Status == SceneStates.Failed ? SceneFailureReason(scene) : null,
                null, new Dictionary<string, string>(), 0));
        }
        return new SceneStatus(
            SceneId, scene.ItemId, scene.Status, scene.Reason,
            scene.Status == SceneStates.Staged ? StacCollections.ItemPath(StacCollections.Scenes, SceneId) : null,
            products, scene.UpdatedAt);
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!state.RecordExists || state.State.IsDone)
            await _work.DropReminderAsync();
        else
            _work.EnsureStarted();
    }

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<Acquisition>().ResumeAsync(this);

    /// <inheritdoc />
    public Task OnNextAsync(Acquisition item, StreamSequenceToken? token = null) => AcceptAsync(item);

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex)
    {
        logger.LogWarning(ex, "The acquisitions stream of {SceneId} reported an error", SceneId);
        return Task.CompletedTask;
    }

    // One step towards done; false when there is nothing left to do.
    private async Task<bool> StepAsync()
    {
        var current = state.State;
        switch (current.Status)
        {
            case SceneStates.Accepted or SceneStates.Staging:
                await StageAsync();
                return true;
            case SceneStates.Staged or SceneStates.Failed when !current.IsDone:
                await HandOverAsync(current);
                return true;
            default:
                await _work.DropReminderAsync();
                return false;
        }
    }

    private async Task StageAsync()
    {
        await _work.HoldReminderAsync();
        using var slot = await slots.SceneAsync(_work.Leaving);
        await ChangeAsync(s => s with { Status = SceneStates.Staging });
        var staging = state.State;
        try
        {
            // Off the grain's scheduler: cropping and encoding take every core for seconds.
            var bands = await Task.Run(() => StageBandsAsync(staging, _work.Abort), _work.Abort);
            await ChangeAsync(s => s with { Status = SceneStates.Staged, Bands = bands, Reason = null });
            logger.LogInformation("Staged {SceneId} with bands {Bands}", SceneId, string.Join(", ", bands));
        }
        catch (ProcessingException e)
        {
            await ChangeAsync(s => s with { Status = SceneStates.Failed, Reason = e.Message });
            logger.LogWarning("Staging {SceneId} failed: {Reason}", SceneId, e.Message);
        }
    }

    private async Task<IReadOnlyList<string>> StageBandsAsync(SceneState scene, CancellationToken cancellationToken)
    {
        var item = StacItem.Parse(scene.ItemJson, scene.ItemHref);
        var wanted = scene.Products.Select(processors.Get).SelectMany(p => p.RequiredBands).Distinct(StringComparer.Ordinal).ToArray();
        // Stage every band the item has; a product whose band is missing fails on its own, with that reason.
        var available = wanted
            .Select(band => (band, href: item.FindBand(band)))
            .Where(b => b.href is not null)
            // Hrefs, not GDAL names: the stager checks each against the href policy right before opening it.
            .ToDictionary(b => b.band, b => b.href!, StringComparer.Ordinal);
        if (available.Count == 0)
            throw new ProcessingException($"STAC item '{EchoedText.Of(item.Id)}' has none of the bands the products need ({string.Join(", ", wanted)}).");

        using var scratch = work.Create();
        var staged = await stager.StageAsync(new StagingRequest(available, scene.Aoi, scratch.Path), cancellationToken);
        var assets = new Dictionary<string, StoredAsset>(StringComparer.Ordinal);
        foreach (var (band, path) in staged.BandFiles)
        {
            var key = ObjectKeys.SceneBand(SceneId, band);
            var facts = await StacItemFactory.FileFactsAsync(path, cancellationToken);
            await outages.RunAsync($"Storing {key}", ct => objects.PutFileAsync(key, path, "image/tiff", ct), cancellationToken);
            assets[band] = new StoredAsset(key, objects.Href(key), facts);
        }
        var sceneItem = StacItemFactory.StagedScene(SceneId, item.Datetime, staged.Footprint, assets, scene.ItemHref, scene.Aoi);
        await outages.RunAsync($"Registering {SceneId}", ct => catalog.UpsertItemAsync(sceneItem, ct), cancellationToken);
        return assets.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    private async Task HandOverAsync(SceneState scene)
    {
        var pending = scene.Products.Except(scene.HandedOver).ToArray();
        foreach (var product in pending)
        {
            var request = ProductRequestOf(product);
            var grain = GrainFactory.GetGrain<IProductGrain>(request.GrainKey);
            if (scene.Status == SceneStates.Failed)
                await grain.FailAsync(request, SceneFailureReason(scene));
            else
                await grain.RequestAsync(request);
        }
        await ChangeAsync(s => s with { HandedOver = s.HandedOver.Union(pending).ToArray() });
    }

    private async Task ChangeAsync(Func<SceneState, SceneState> change)
    {
        await _writes.WaitAsync();
        try
        {
            var before = state.RecordExists ? state.State : null;
            state.State = change(state.State) with { UpdatedAt = DateTimeOffset.UtcNow };
            try
            {
                await outages.RunAsync($"Saving {SceneId}", _ => state.WriteStateAsync(), CancellationToken.None);
            }
            catch when (before is not null)
            {
                state.State = before;
                throw;
            }
        }
        finally
        {
            _writes.Release();
        }
    }

    private IEnumerable<string> MissingBands(SceneState scene) =>
        scene.Products.Select(processors.Get).SelectMany(p => p.RequiredBands).Except(scene.Bands);

    private static string SceneFailureReason(SceneState scene) => $"Scene staging failed: {scene.Reason}";

    // The version is part of the product key: the processor this silo runs decides which version is made.
    private ProductRequest ProductRequestOf(string product) => new(SceneId, product, processors.Get(product).Version);
}
