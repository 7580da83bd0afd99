using System.Diagnostics;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Acquisitions;
using Actors.Catalog.Search;
using Actors.Abstractions.Api;
using Actors.Abstractions.Products;
using Actors.Abstractions.Scenes;
using Actors.Abstractions.Streams;
using Actors.Grains.Persistence;
using Actors.Grains.Products;
using Actors.Grains.Tests.Harness;
using Actors.Processing.Samples;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;

namespace Actors.Grains.Tests;

/// <summary>The grains on a two-silo in-process Orleans cluster with SQLite state and reminders shared by both silos.</summary>
public sealed class GrainBehaviourTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "eo-grains-" + Guid.NewGuid().ToString("N"));
    private SampleScene _sample = null!;

    public async Task InitializeAsync() =>
        _sample = await new SyntheticSceneGenerator().GenerateAsync(Path.Combine(_root, "sample"), 512, seed: 11);

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private string NewDataDirectory() => Path.Combine(_root, "data-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Duplicate_events_at_once_on_two_silos_stage_once_and_compute_each_product_once()
    {
        await using var cluster = await GrainCluster.StartAsync(NewDataDirectory());
        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => cluster.PublishAsync(_sample.ItemPath, silo: i % 2)));
        Assert.Single(replies.Select(r => r.SceneId).Distinct());
        Assert.Equal(9, replies.Count(r => r.AlreadyKnown));

        var status = await cluster.WaitFinishedAsync(_sample.ItemId);
        Assert.All(status.Products, p => Assert.Equal((ProductStates.Completed, 1), (p.State, p.Computations)));
        foreach (var product in ProductNames.All)
            Assert.Single((await cluster.Catalog.SearchAsync(new ItemSearch { Collections = [product] }, CancellationToken.None)).Items);
        Assert.Single((await cluster.Catalog.SearchAsync(new ItemSearch { Collections = ["scenes"] }, CancellationToken.None)).Items);

        // A duplicate of finished work is answered from state: nothing runs again.
        var again = await cluster.PublishAsync(_sample.ItemPath, silo: 1);
        Assert.True(again.AlreadyKnown);
        Assert.All((await cluster.SceneAsync(_sample.ItemId))!.Products, p => Assert.Equal(1, p.Computations));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_the_stored_state_stays()
    {
        await using var cluster = await GrainCluster.StartAsync(NewDataDirectory());
        await cluster.PublishAsync(_sample.ItemPath, products: [ProductNames.Ndvi]);
        var status = await cluster.WaitFinishedAsync(_sample.ItemId);
        var grainId = GrainId.Create("product", GrainKeys.Product(_sample.ItemId, ProductNames.Ndvi, status.Products[0].Version));

        var storage = cluster.SiloServices(1).GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.State);
        var first = new GrainState<ProductState>();
        // The grain's own last write (its result announced) can trail the completed status; race it and the test's
        // "newer" write would be the stale one. Read until the grain has nothing left to write.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            first = new GrainState<ProductState>();
            await storage.ReadStateAsync("product", grainId, first);
            if (first.State is { IsDone: true } || deadline.Elapsed > TimeSpan.FromSeconds(30)) break;
            await Task.Delay(50);
        }
        Assert.True(first.RecordExists);
        Assert.True(first.State!.IsDone, "the product grain never stored its last step");
        var stale = new GrainState<ProductState> { State = first.State!, ETag = first.ETag, RecordExists = true };

        first.State = first.State! with { Reason = "newer" };
        await storage.WriteStateAsync("product", grainId, first);
        stale.State = stale.State! with { Reason = "stale" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("product", grainId, stale));

        var stored = new GrainState<ProductState>();
        await cluster.SiloServices(0).GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.State).ReadStateAsync("product", grainId, stored);
        Assert.Equal("newer", stored.State!.Reason);
    }

    [Fact]
    public async Task Status_is_answered_while_a_product_computes()
    {
        GatedNdvi.Close();
        await using var cluster = await GrainCluster.StartAsync(NewDataDirectory(),
            configure: b => b.AddSiloBuilderConfigurator<GatedNdvi.Configurator>());
        await cluster.PublishAsync(_sample.ItemPath, products: [ProductNames.Ndvi]);
        await GatedNdvi.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            // Scene, product and job answer at once while the computation holds its silo's slot.
            var clock = Stopwatch.StartNew();
            var scene = await cluster.SceneAsync(_sample.ItemId);
            var product = await cluster.Client.GetGrain<IProductGrain>(GrainKeys.Product(_sample.ItemId, ProductNames.Ndvi, scene!.Products[0].Version)).GetStatusAsync();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"status took {clock.Elapsed}");
            Assert.Equal(ProductStates.Running, scene.Products.Single().State);
            Assert.Equal((ProductStates.Running, 1), (product!.State, product.Computations));

            // A duplicate request meets the computation in progress instead of starting another.
            var duplicate = await cluster.PublishAsync(_sample.ItemPath, silo: 1, products: [ProductNames.Ndvi]);
            Assert.True(duplicate.AlreadyKnown);
        }
        finally
        {
            GatedNdvi.Open();
        }
        var done = await cluster.WaitFinishedAsync(_sample.ItemId);
        Assert.Equal((ProductStates.Completed, 1), (done.Products.Single().State, done.Products.Single().Computations));
    }

    [Fact]
    public async Task Results_go_out_on_the_scene_results_stream_and_acquisitions_come_in_on_the_acquisitions_stream()
    {
        await using var cluster = await GrainCluster.StartAsync(NewDataDirectory());
        var results = new List<ProductResult>();
        var provider = cluster.Client.GetStreamProvider(StreamNames.Provider);
        var subscription = await provider.GetStream<ProductResult>(StreamId.Create(StreamNames.Results, _sample.ItemId))
            .SubscribeAsync((r, _) => { lock (results) results.Add(r); return Task.CompletedTask; });

        // Enqueued, not called: the scene grain hears of it through its implicit stream subscription.
        var sceneId = await cluster.GrainsOn(1).GetGrain<IAcquisitionIntakeGrain>(0).EnqueueAsync(new AcquisitionSubmission { ItemHref = _sample.ItemPath, JobId = "streamed" }, TestCallers.Tester);
        Assert.Equal(_sample.ItemId, sceneId);
        var status = await cluster.WaitFinishedAsync(sceneId);
        Assert.All(status.Products, p => Assert.Equal(ProductStates.Completed, p.State));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (results.Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await subscription.UnsubscribeAsync();
        Assert.Equal(ProductNames.All.Order(), results.Select(r => r.Product).Order());
        Assert.All(results, r => Assert.Equal((ProductStates.Completed, sceneId), (r.State, r.SceneId)));
        Assert.All(results, r => Assert.NotNull(r.StacItemId));

        // The job subscribed to the same stream and records both results.
        var job = await cluster.WaitJobAsync("streamed");
        Assert.Equal((JobStates.Finished, 2), (job.State, job.Counts.Completed));
    }

    [Fact]
    public async Task A_missing_band_fails_only_the_product_that_needs_it_with_the_reason()
    {
        var item = JsonNode.Parse(await File.ReadAllTextAsync(_sample.ItemPath))!.AsObject();
        item["id"] = "no-red";
        item["assets"]!.AsObject().Remove("red");
        var path = Path.Combine(Path.GetDirectoryName(_sample.ItemPath)!, "no-red.json");
        await File.WriteAllTextAsync(path, item.ToJsonString());

        await using var cluster = await GrainCluster.StartAsync(NewDataDirectory());
        await cluster.PublishAsync(path, jobId: "job-1");
        var status = await cluster.WaitFinishedAsync("no-red");

        var ndvi = status.Products.Single(p => p.Product == ProductNames.Ndvi);
        Assert.Equal(ProductStates.Failed, ndvi.State);
        Assert.Contains("red", ndvi.Reason);
        Assert.Equal(ProductStates.Completed, status.Products.Single(p => p.Product == ProductNames.WaterBodies).State);

        var job = await cluster.WaitJobAsync("job-1");
        Assert.Equal(JobStates.Failed, job.State);
        Assert.Equal((2, 1, 1), (job.Counts.Total, job.Counts.Completed, job.Counts.Failed));
    }

    [Fact]
    public async Task An_unreadable_asset_fails_the_scene_and_its_products_with_the_file_named()
    {
        var item = JsonNode.Parse(await File.ReadAllTextAsync(_sample.ItemPath))!.AsObject();
        item["id"] = "broken-nir";
        item["assets"]!["nir"]!["href"] = "./does-not-exist.tif";
        var path = Path.Combine(Path.GetDirectoryName(_sample.ItemPath)!, "broken.json");
        await File.WriteAllTextAsync(path, item.ToJsonString());

        await using var cluster = await GrainCluster.StartAsync(NewDataDirectory());
        await cluster.PublishAsync(path, jobId: "job-broken");
        var status = await cluster.WaitFinishedAsync("broken-nir");
        Assert.Equal(SceneStates.Failed, status.State);
        Assert.Contains("does-not-exist.tif", status.Reason);
        Assert.All(status.Products, p => Assert.Contains("does-not-exist.tif", p.Reason));
        var job = await cluster.WaitJobAsync("job-broken");
        Assert.Equal((JobStates.Failed, 2), (job.State, job.Counts.Failed));
    }

    [Fact]
    public async Task Invalid_submissions_are_rejected_with_the_reason_and_nothing_is_accepted()
    {
        await using var cluster = await GrainCluster.StartAsync(NewDataDirectory(), silos: 1);
        var intake = cluster.Client.GetGrain<IAcquisitionIntakeGrain>(0);
        var unknown = await Assert.ThrowsAsync<AcquisitionRejectedException>(() =>
            intake.PublishAsync(new AcquisitionSubmission { ItemHref = _sample.ItemPath, Products = ["nope"] }, TestCallers.Tester));
        Assert.Contains("Unknown product(s) nope", unknown.Message);
        var neither = await Assert.ThrowsAsync<AcquisitionRejectedException>(() => intake.PublishAsync(new AcquisitionSubmission(), TestCallers.Tester));
        Assert.Contains("exactly one of", neither.Message);
        Assert.Null(await cluster.SceneAsync(_sample.ItemId));
    }

    [Fact]
    public async Task Hrefs_the_policy_refuses_are_rejected_at_acceptance_and_nothing_is_accepted()
    {
        await using var cluster = await GrainCluster.StartAsync(NewDataDirectory(), silos: 1);
        var intake = cluster.Client.GetGrain<IAcquisitionIntakeGrain>(0);

        var outside = await Assert.ThrowsAsync<AcquisitionRejectedException>(() =>
            intake.PublishAsync(new AcquisitionSubmission { ItemHref = "/etc/passwd" }, TestCallers.Tester));
        Assert.Contains("outside the allowed local roots", outside.Message);

        // An inline item whose asset points outside the roots: refused before any scene grain sees it.
        var item = JsonNode.Parse(await File.ReadAllTextAsync(_sample.ItemPath))!.AsObject();
        item["id"] = "exfiltrate";
        item["assets"]!["nir"]!["href"] = "/etc/passwd";
        var asset = await Assert.ThrowsAsync<AcquisitionRejectedException>(() =>
            intake.PublishAsync(new AcquisitionSubmission { ItemJson = item.ToJsonString(), SourceHref = _sample.ItemPath }, TestCallers.Tester));
        Assert.Contains("asset of band nir", asset.Message);
        Assert.Contains("outside the allowed local roots", asset.Message);
        Assert.Null(await cluster.SceneAsync("exfiltrate"));

        // Only the bands the products need are checked: ndvi needs red and nir, water-bodies green and nir.
        item["assets"]!["nir"]!["href"] = JsonNode.Parse(await File.ReadAllTextAsync(_sample.ItemPath))!["assets"]!["nir"]!["href"]!.GetValue<string>();
        item["assets"]!["green"]!["href"] = "http://169.254.169.254/latest/meta-data/";
        var metadata = await Assert.ThrowsAsync<AcquisitionRejectedException>(() =>
            intake.PublishAsync(new AcquisitionSubmission { ItemJson = item.ToJsonString(), SourceHref = _sample.ItemPath }, TestCallers.Tester));
        Assert.Contains("link-local address 169.254.169.254", metadata.Message);
        var ndviOnly = await intake.PublishAsync(new AcquisitionSubmission { ItemJson = item.ToJsonString(), SourceHref = _sample.ItemPath, Products = ["ndvi"] }, TestCallers.Tester);
        Assert.Equal("exfiltrate", ndviOnly.SceneId);
    }

    [Fact]
    public async Task An_aoi_that_misses_the_scene_is_rejected_naming_both_boxes()
    {
        await using var cluster = await GrainCluster.StartAsync(NewDataDirectory(), silos: 1);
        var intake = cluster.Client.GetGrain<IAcquisitionIntakeGrain>(0);
        var error = await Assert.ThrowsAsync<AcquisitionRejectedException>(() =>
            intake.PublishAsync(new AcquisitionSubmission { ItemHref = _sample.ItemPath, Aoi = [-60, -10, -59, -9] }, TestCallers.Tester));
        Assert.Contains("AOI [-60,-10,-59,-9] does not intersect the scene's extent [", error.Message);
        Assert.Null(await cluster.SceneAsync(GrainKeys.Scene(_sample.ItemId, Actors.Abstractions.Geometry.Bbox.FromArray([-60, -10, -59, -9]))));
    }

    [Fact]
    public async Task A_busy_answer_crosses_orleans_with_its_retry_delay()
    {
        await using var cluster = await GrainCluster.StartAsync(NewDataDirectory(), silos: 1);
        var serializer = cluster.SiloServices(0).GetRequiredService<Orleans.Serialization.Serializer>();
        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new AcquisitionBusyException("busy now", 7)));
        var busy = Assert.IsType<AcquisitionBusyException>(copy);
        Assert.Equal(("busy now", 7), (busy.Message, busy.RetryAfterSeconds));
    }
}
