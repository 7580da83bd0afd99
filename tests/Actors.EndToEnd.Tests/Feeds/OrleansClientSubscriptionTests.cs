using System.Net;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Feeds;
using Actors.Client;
using Actors.Client.Orleans;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.Feeds;

/// <summary>Feed subscriptions through the Orleans client SDK against a real silo: the same operations and errors as over HTTP.</summary>
public sealed class OrleansClientSubscriptionTests(LoopbackSourcesSiloFixture fixture) : IClassFixture<LoopbackSourcesSiloFixture>, IAsyncLifetime
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
    public async Task Create_list_show_pause_resume_delete_and_the_errors_match_the_http_client()
    {
        var request = new SubscriptionRequest
        {
            Id = "orleans-feed",
            Source = $"http://127.0.0.1:{FreePort.Next()}/stac",
            Filter = "eo:cloud_cover < 20",
            Products = [ProductNames.Ndvi],
            Period = "30m",
        };
        var created = await _client.CreateSubscriptionAsync(request);
        Assert.Equal(("orleans-feed", FeedStates.Active, TimeSpan.FromMinutes(30)), (created.Id, created.State, created.Definition.Period));
        Assert.Equal(created.CreatedAt, (await _client.CreateSubscriptionAsync(request)).CreatedAt);
        // What the HTTP client sees is the same subscription.
        Assert.Equal(created.Definition.SourceUrl, (await fixture.Silo.Client.GetSubscriptionAsync("orleans-feed")).Definition.SourceUrl);

        Assert.Equal(HttpStatusCode.Conflict, (await Assert.ThrowsAsync<SiloApiException>(() => _client.CreateSubscriptionAsync(request with { Period = "1h" }))).StatusCode);
        var invalid = await Assert.ThrowsAsync<SiloApiException>(() => _client.CreateSubscriptionAsync(request with { Id = "other", Products = [] }));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("products", invalid.Message);
        Assert.Equal(HttpStatusCode.BadRequest, (await Assert.ThrowsAsync<SiloApiException>(() => _client.CreateSubscriptionAsync(request with { Id = "Bad Id" }))).StatusCode);

        Assert.Contains(await _client.ListSubscriptionsAsync(), s => s.Id == "orleans-feed");
        Assert.Equal(FeedStates.Paused, (await _client.PauseSubscriptionAsync("orleans-feed")).State);
        Assert.Equal(FeedStates.Paused, (await _client.GetSubscriptionAsync("orleans-feed")).State);
        Assert.Equal(FeedStates.Active, (await _client.ResumeSubscriptionAsync("orleans-feed")).State);
        await _client.DeleteSubscriptionAsync("orleans-feed");

        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<SiloApiException>(() => _client.GetSubscriptionAsync("orleans-feed"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<SiloApiException>(() => _client.PauseSubscriptionAsync("orleans-feed"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<SiloApiException>(() => _client.DeleteSubscriptionAsync("orleans-feed"))).StatusCode);
        Assert.DoesNotContain(await _client.ListSubscriptionsAsync(), s => s.Id == "orleans-feed");
    }
}
