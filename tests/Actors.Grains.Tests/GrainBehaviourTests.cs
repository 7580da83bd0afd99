using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Grains.Catalog;
using Actors.Grains.Products;
using Actors.Grains.Runtime;
using Actors.Processing.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests;

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
    public async Task Ten_concurrent_acceptances_stage_once_compute_each_product_once_and_register_one_item_each()
    {
        await using var silo = await SiloHarness.StartAsync(NewDataDirectory());
        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => silo.AcceptAsync(_sample.ItemPath)));
        Assert.Single(replies.Select(r => r.SceneId).Distinct());
        Assert.Equal(9, replies.Count(r => r.AlreadyKnown));

        var status = await silo.WaitFinishedAsync(_sample.ItemId);
        Assert.All(status.Products, p => Assert.Equal((ProductStates.Completed, 1), (p.State, p.Computations)));
        Assert.Equal(1, silo.LogLinesContaining("Staged", _sample.ItemId));
        foreach (var product in ProductNames.All)
        {
            Assert.Equal(1, silo.LogLinesContaining("Computing", product, _sample.ItemId));
            var items = await silo.Services.GetRequiredService<IStacCatalog>().GetItemsAsync(product, 100, 0, CancellationToken.None);
            Assert.Single(items);
        }
    }

    [Fact]
    public async Task A_product_left_running_by_a_crash_is_resumed_on_start_and_registered_once()
    {
        var data = NewDataDirectory();
        string key;
        await using (var first = await SiloHarness.StartAsync(data))
        {
            await first.AcceptAsync(_sample.ItemPath);
            await first.WaitFinishedAsync(_sample.ItemId);
            // What a SIGKILL mid-computation leaves behind: the product committed as running, no result yet.
            key = GrainKeys.Product(_sample.ItemId, ProductNames.Ndvi, "1.0.0");
            var store = first.Services.GetRequiredService<IGrainStateStore>();
            var stored = await store.ReadAsync<ProductState>(GrainKinds.Product, key, CancellationToken.None);
            await store.WriteAsync(GrainKinds.Product, key, stored!.State with { Status = ProductStates.Running }, ProductStates.Running, "dead-silo", stored.Version, CancellationToken.None);
        }

        await using var second = await SiloHarness.StartAsync(data);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        ProductStatus ndvi;
        do
        {
            await Task.Delay(50);
            ndvi = (await second.SceneAsync(_sample.ItemId))!.Products.Single(p => p.Product == ProductNames.Ndvi);
        } while (ndvi.State != ProductStates.Completed && DateTime.UtcNow < deadline);

        Assert.Equal(ProductStates.Completed, ndvi.State);
        Assert.Equal(2, ndvi.Computations);
        Assert.Single(await second.Services.GetRequiredService<IStacCatalog>().GetItemsAsync(ProductNames.Ndvi, 100, 0, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_band_fails_only_the_product_that_needs_it_with_the_reason()
    {
        var item = JsonNode.Parse(await File.ReadAllTextAsync(_sample.ItemPath))!.AsObject();
        item["id"] = "no-red";
        item["assets"]!.AsObject().Remove("red");
        var path = Path.Combine(Path.GetDirectoryName(_sample.ItemPath)!, "no-red.json");
        await File.WriteAllTextAsync(path, item.ToJsonString());

        await using var silo = await SiloHarness.StartAsync(NewDataDirectory());
        await silo.AcceptAsync(path, jobId: "job-1");
        var status = await silo.WaitFinishedAsync("no-red");

        var ndvi = status.Products.Single(p => p.Product == ProductNames.Ndvi);
        Assert.Equal(ProductStates.Failed, ndvi.State);
        Assert.Contains("red", ndvi.Reason);
        Assert.Equal(ProductStates.Completed, status.Products.Single(p => p.Product == ProductNames.WaterBodies).State);

        var job = await WaitJobAsync(silo, "job-1");
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

        await using var silo = await SiloHarness.StartAsync(NewDataDirectory());
        await silo.AcceptAsync(path);
        var status = await silo.WaitFinishedAsync("broken-nir");
        Assert.Equal(SceneStates.Failed, status.State);
        Assert.Contains("does-not-exist.tif", status.Reason);
        Assert.All(status.Products, p => Assert.Contains("does-not-exist.tif", p.Reason));
    }

    [Fact]
    public async Task A_job_reports_finished_with_counts_when_all_its_products_complete()
    {
        await using var silo = await SiloHarness.StartAsync(NewDataDirectory());
        await silo.AcceptAsync(_sample.ItemPath, jobId: "job-ok");
        await silo.WaitFinishedAsync(_sample.ItemId);
        var job = await WaitJobAsync(silo, "job-ok");
        Assert.Equal(JobStates.Finished, job.State);
        Assert.Equal([_sample.ItemId], job.Scenes);
        Assert.Equal(2, job.Counts.Completed);
    }

    private static async Task<JobStatus> WaitJobAsync(SiloHarness silo, string jobId)
    {
        var queries = silo.Services.GetRequiredService<Queries.StatusQueries>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var job = await queries.JobAsync(jobId, CancellationToken.None);
            if (job is not null && job.State is JobStates.Finished or JobStates.Failed) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"job {jobId}: {job?.State}");
            await Task.Delay(50);
        }
    }
}
