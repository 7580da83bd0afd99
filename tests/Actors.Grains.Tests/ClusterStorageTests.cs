using Actors.Abstractions;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Api;
using Actors.Grains.Storage;
using Actors.Grains.Tests.Harness;
using Actors.Processing.Samples;
using Actors.Raster;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests;

/// <summary>
/// The grains on the cluster's storage engines, all real and on loopback: Orleans grain state, reminders
/// and the catalog in PostgreSQL (ADO.NET providers on a fresh database), staged bands and products in S3 (s3rver), products read back by GDAL through /vsis3/.
/// </summary>
public sealed class ClusterStorageTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "eo-s3-grains-" + Guid.NewGuid().ToString("N"));
    private readonly string _bucket = "eo-test-" + Guid.NewGuid().ToString("N")[..10];
    private SampleScene _sample = null!;

    public async Task InitializeAsync()
    {
        await LoopbackServices.EnsureStartedAsync();
        _sample = await new SyntheticSceneGenerator().GenerateAsync(Path.Combine(_root, "sample"), 512, seed: 13);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Products_are_stored_in_s3_registered_with_s3_hrefs_and_readable_by_gdal()
    {
        await using var cluster = await GrainCluster.StartAsync(Path.Combine(_root, "data"), settings: new Dictionary<string, string>
        {
            ["Silo:Store"] = "postgres",
            ["ConnectionStrings:Postgres"] = postgres.ConnectionString,
            ["Silo:ObjectStore"] = "s3",
            ["S3:ServiceUrl"] = LoopbackServices.S3ServiceUrl,
            ["S3:Bucket"] = _bucket,
        });
        // A fresh database: the silos created Orleans' tables and queries and the catalog themselves.
        var replies = await Task.WhenAll(cluster.PublishAsync(_sample.ItemPath, silo: 0), cluster.PublishAsync(_sample.ItemPath, silo: 1));
        Assert.Single(replies, r => r.AlreadyKnown);
        var status = await cluster.WaitFinishedAsync(_sample.ItemId);
        Assert.All(status.Products, p => Assert.Equal(1, p.Computations));

        var store = cluster.SiloServices(0).GetRequiredService<IObjectStore>();
        Assert.IsType<S3ObjectStore>(store);
        Assert.Empty(Directory.Exists(Path.Combine(_root, "data", "objects")) ? Directory.GetFiles(Path.Combine(_root, "data", "objects"), "*", SearchOption.AllDirectories) : []);
        foreach (var product in status.Products)
        {
            Assert.Equal(ProductStates.Completed, product.State);
            Assert.StartsWith($"s3://{_bucket}/products/{product.Product}/", product.Assets["data"]);
            var key = ObjectKeys.ProductData(_sample.ItemId, product.Product, product.Version);
            Assert.True(await store.ExistsAsync(key, CancellationToken.None));
            using var cog = RasterDataset.Open(store.GdalPath(key));
            Assert.Equal((512, 512), (cog.Width, cog.Height));
            Assert.True(cog.IsCloudOptimized);
        }
        var mask = new byte[512 * 512];
        using (var water = RasterDataset.Open(store.GdalPath(ObjectKeys.ProductData(_sample.ItemId, ProductNames.WaterBodies, "1.0.0"))))
            water.Read<byte>(1, 0, 0, 512, 512, mask);
        Assert.Contains(mask, v => v == 1);
        Assert.False(await store.ExistsAsync("products/none/0/x/none.tif", CancellationToken.None));
    }

    [Fact]
    public async Task Items_and_assets_in_the_silos_bucket_are_read_and_other_buckets_are_refused()
    {
        await using var cluster = await GrainCluster.StartAsync(Path.Combine(_root, "data-s3-inputs"), silos: 1, settings: new Dictionary<string, string>
        {
            ["Silo:Store"] = "postgres",
            ["ConnectionStrings:Postgres"] = postgres.ConnectionString,
            ["Silo:ObjectStore"] = "s3",
            ["S3:ServiceUrl"] = LoopbackServices.S3ServiceUrl,
            ["S3:Bucket"] = _bucket,
        });
        var store = cluster.SiloServices(0).GetRequiredService<IObjectStore>();
        // The item and its bands in the silo's own bucket (the default of Hrefs:S3Buckets with S3 objects); relative asset hrefs.
        await store.PutFileAsync("inputs/item.json", _sample.ItemPath, "application/json", CancellationToken.None);
        foreach (var band in _sample.BandPaths.Values)
            await store.PutFileAsync($"inputs/{Path.GetFileName(band)}", band, "image/tiff", CancellationToken.None);

        var accepted = await cluster.PublishAsync($"s3://{_bucket}/inputs/item.json", products: [ProductNames.Ndvi]);
        Assert.Equal(_sample.ItemId, accepted.SceneId);
        var status = await cluster.WaitFinishedAsync(_sample.ItemId);
        Assert.Equal(SceneStates.Staged, status.State);

        var refused = await Assert.ThrowsAsync<AcquisitionRejectedException>(() => cluster.PublishAsync("s3://someone-elses-bucket/item.json"));
        Assert.Contains("not among the allowed buckets", refused.Message);
    }
}
