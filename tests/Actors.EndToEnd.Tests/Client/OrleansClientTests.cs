using System.Net;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Products;
using Actors.Client;
using Actors.Client.Orleans;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.Client;

/// <summary>
/// The Orleans client SDK against a real silo process, connected through its gateway: the same operations
/// and the same errors as the HTTP client, plus the results stream.
/// </summary>
public sealed class OrleansClientTests(SiloFixture fixture) : IClassFixture<SiloFixture>, IAsyncLifetime
{
    private OrleansClientHost? _host;
    private OrleansSiloClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await OrleansClientHost.StartAsync(fixture.Silo.GatewayPort);
        _client = _host.Client;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    [Fact]
    public async Task Publishes_follows_results_and_reads_scene_job_and_silos_like_the_http_client()
    {
        var sample = await fixture.Samples.GenerateAsync(size: 256, seed: 311);
        var results = new List<ProductResult>();
        using var bothResults = new SemaphoreSlim(0);
        var subscription = await _client.SubscribeToResultsAsync(sample.ItemId, result =>
        {
            lock (results) results.Add(result);
            bothResults.Release();
            return Task.CompletedTask;
        });

        var published = await _client.PublishAsync(new AcquisitionRequest { ItemHref = sample.ItemPath, JobId = "orleans-sdk" });
        Assert.Equal((sample.ItemId, false), (published.SceneId, published.AlreadyKnown));
        var final = await _client.WaitForSceneAsync(published.SceneId, TimeSpan.FromMinutes(2));
        Assert.All(final.Products, p => Assert.Equal((ProductStates.Completed, 1), (p.State, p.Computations)));
        Assert.True(await bothResults.WaitAsync(TimeSpan.FromSeconds(30)) && await bothResults.WaitAsync(TimeSpan.FromSeconds(30)), "two results on the stream");
        await subscription.UnsubscribeAsync();
        Assert.Equal(ProductNames.All.Order(), results.Select(r => r.Product).Order());

        // The HTTP client sees the same scene, and the repeat through the SDK is a no-op.
        var overHttp = await fixture.Silo.Client.GetSceneAsync(published.SceneId);
        Assert.Equal(final.Products.Select(p => (p.Product, p.State, p.Computations)), overHttp.Products.Select(p => (p.Product, p.State, p.Computations)));
        Assert.True((await _client.PublishAsync(new AcquisitionRequest { ItemHref = sample.ItemPath })).AlreadyKnown);

        var job = await Eventually.GetAsync("the job to finish", TimeSpan.FromSeconds(30), async ct =>
            await _client.GetJobAsync("orleans-sdk", ct) is { State: JobStates.Finished } j ? j : null);
        Assert.Equal(2, job!.Counts.Completed);
        var silo = Assert.Single(await _client.GetSilosAsync());
        Assert.Equal(SiloStates.Active, silo.Status);
    }

    [Fact]
    public async Task Enqueued_acquisitions_travel_the_acquisitions_stream_to_their_scene()
    {
        var sample = await fixture.Samples.GenerateAsync(size: 256, seed: 312);
        var sceneId = await _client.EnqueueAsync(new AcquisitionRequest { ItemHref = sample.ItemPath, Products = [ProductNames.Ndvi] });
        // The scene exists once the stream has delivered the event to it; until then it is unknown (404).
        await Eventually.GetAsync("the stream to deliver the acquisition", TimeSpan.FromSeconds(30), async ct =>
        {
            try { return await _client.GetSceneAsync(sceneId, ct); }
            catch (SiloApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
        });
        var final = await _client.WaitForSceneAsync(sceneId, TimeSpan.FromMinutes(2));
        Assert.Equal((ProductNames.Ndvi, ProductStates.Completed), (final.Products.Single().Product, final.Products.Single().State));
    }

    [Fact]
    public async Task Errors_are_the_http_clients_invalid_input_is_400_and_unknown_ids_are_404()
    {
        var sample = await fixture.Samples.GenerateAsync(size: 256, seed: 313);
        var rejected = await Assert.ThrowsAsync<SiloApiException>(() =>
            _client.PublishAsync(new AcquisitionRequest { ItemHref = sample.ItemPath, Products = ["nope"] }));
        var overHttp = await Assert.ThrowsAsync<SiloApiException>(() =>
            fixture.Silo.Client.PublishAsync(new AcquisitionRequest { ItemHref = sample.ItemPath, Products = ["nope"] }));
        Assert.Equal((HttpStatusCode.BadRequest, overHttp.Message), (rejected.StatusCode, rejected.Message));
        Assert.Contains("Unknown product(s) nope", rejected.Message);

        var unreadable = await Assert.ThrowsAsync<SiloApiException>(() =>
            _client.PublishAsync(new AcquisitionRequest { ItemHref = "/does/not/exist.json" }));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);

        var scene = await Assert.ThrowsAsync<SiloApiException>(() => _client.GetSceneAsync("no-such-scene"));
        Assert.Equal((HttpStatusCode.NotFound, "No scene 'no-such-scene'."), (scene.StatusCode, scene.Message));
        var job = await Assert.ThrowsAsync<SiloApiException>(() => _client.GetJobAsync("no-such-job"));
        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
    }
}
