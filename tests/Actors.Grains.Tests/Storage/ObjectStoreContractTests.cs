using Actors.Grains.Configuration;
using Actors.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Tests.Storage;

/// <summary>
/// What the openEO result downloads and deletes rely on, the same on the embedded default's folder and on S3 (s3rver on
/// loopback): objects are listed by prefix, read back whole with their length, deleted (twice without error), and a
/// missing object reads as null.
/// </summary>
public sealed class ObjectStoreContractTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "eo-object-store-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        await LoopbackServices.EnsureStartedAsync();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task Objects_are_listed_by_prefix_read_back_whole_and_deleted(string kind)
    {
        var store = Create(kind);
        try
        {
            var ct = CancellationToken.None;
            var first = await WriteAsync("first.tif", 70_000);
            var second = await WriteAsync("second.png", 10);
            await store.PutFileAsync("openeo/jobs/j-1/first.tif", first, "image/tiff", ct);
            await store.PutFileAsync("openeo/jobs/j-1/second.png", second, "image/png", ct);
            await store.PutFileAsync("openeo/jobs/j-10/other.tif", second, "image/tiff", ct);

            Assert.Equal(["openeo/jobs/j-1/first.tif", "openeo/jobs/j-1/second.png"], (await store.ListAsync("openeo/jobs/j-1/", ct)).Order(StringComparer.Ordinal));
            await using (var read = await store.OpenReadAsync("openeo/jobs/j-1/first.tif", ct))
            {
                Assert.NotNull(read);
                Assert.Equal(70_000, read.Length);
                using var copy = new MemoryStream();
                await read.Content.CopyToAsync(copy, ct);
                Assert.Equal(await File.ReadAllBytesAsync(first, ct), copy.ToArray());
            }
            Assert.Null(await store.OpenReadAsync("openeo/jobs/j-1/missing.tif", ct));

            await store.DeleteAsync("openeo/jobs/j-1/first.tif", ct);
            await store.DeleteAsync("openeo/jobs/j-1/first.tif", ct);
            Assert.Equal(["openeo/jobs/j-1/second.png"], await store.ListAsync("openeo/jobs/j-1/", ct));
            Assert.False(await store.ExistsAsync("openeo/jobs/j-1/first.tif", ct));
            Assert.Equal(["openeo/jobs/j-10/other.tif"], await store.ListAsync("openeo/jobs/j-10/", ct));
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    private IObjectStore Create(string kind) => kind switch
    {
        "local" => new LocalFileObjectStore(Options.Create(new SiloSettings { DataDirectory = Path.Combine(_root, "data") })),
        _ => new S3ObjectStore(Options.Create(new S3Options
        {
            ServiceUrl = LoopbackServices.S3ServiceUrl,
            Bucket = "eo-store-" + Guid.NewGuid().ToString("N")[..10],
        })),
    };

    private async Task<string> WriteAsync(string name, int length)
    {
        var path = Path.Combine(_root, name);
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }
}
