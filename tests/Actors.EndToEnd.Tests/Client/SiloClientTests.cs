using System.Net;
using Actors.Abstractions.Api;
using Actors.Client;

namespace Actors.EndToEnd.Tests.Client;

/// <summary>The client's contract where a live silo cannot easily produce the case: error bodies, timeouts, progress.</summary>
public sealed class SiloClientTests
{
    private const string SceneRunning = """
        {"sceneId":"s1","itemId":"s1","state":"staged","reason":null,"stacItemUrl":"/stac/collections/scenes/items/s1",
         "products":[{"product":"ndvi","version":"1.0.0","state":"running","reason":null,"stacItemUrl":null,"assets":{},"computations":1}],
         "updatedAt":"2025-01-01T00:00:00Z"}
        """;

    private const string SceneDone = """
        {"sceneId":"s1","itemId":"s1","state":"staged","reason":null,"stacItemUrl":"/stac/collections/scenes/items/s1",
         "products":[{"product":"ndvi","version":"1.0.0","state":"completed","reason":null,"stacItemUrl":"/stac/collections/ndvi/items/x",
                      "assets":{"data":"/data/objects/x.tif"},"computations":1}],
         "updatedAt":"2025-01-01T00:00:01Z"}
        """;

    [Fact]
    public async Task Error_answer_becomes_SiloApiException_with_status_and_server_message()
    {
        using var client = ClientOver(new StubSiloHandler().Answer(HttpStatusCode.BadRequest, """{"error":"Invalid \"aoi\": empty box."}"""));

        var error = await Assert.ThrowsAsync<SiloApiException>(() => client.PublishAsync(new AcquisitionRequest { ItemHref = "/x.json" }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Invalid \"aoi\": empty box.", error.ServerMessage);
        Assert.Equal(error.ServerMessage, error.Message);
    }

    [Fact]
    public async Task Error_answer_without_an_error_body_still_names_the_request_and_status()
    {
        using var client = ClientOver(new StubSiloHandler().Answer(HttpStatusCode.InternalServerError, ""));

        var error = await Assert.ThrowsAsync<SiloApiException>(() => client.GetSceneAsync("a b"));

        Assert.Null(error.ServerMessage);
        Assert.Contains("GET /api/scenes/a%20b", error.Message);
        Assert.Contains("500", error.Message);
    }

    [Fact]
    public async Task Wait_reports_only_changes_and_returns_the_finished_status()
    {
        var handler = new StubSiloHandler()
            .Answer(HttpStatusCode.OK, SceneRunning)
            .Answer(HttpStatusCode.OK, SceneRunning)
            .Answer(HttpStatusCode.OK, SceneDone);
        using var client = ClientOver(handler);
        var reported = new List<string>();

        var final = await client.WaitForSceneAsync("s1", TimeSpan.FromSeconds(30), new ListProgress(reported));

        Assert.True(final.IsFinished);
        Assert.False(final.HasFailures);
        Assert.Equal(["running", "completed"], reported);
        Assert.Equal(3, handler.RequestedPaths.Count);
    }

    [Fact]
    public async Task Wait_gives_up_at_the_timeout_with_the_last_status()
    {
        using var client = ClientOver(new StubSiloHandler().Answer(HttpStatusCode.OK, SceneRunning));

        var error = await Assert.ThrowsAsync<SceneWaitTimeoutException>(() => client.WaitForSceneAsync("s1", TimeSpan.FromMilliseconds(200)));

        Assert.Equal("s1", error.SceneId);
        Assert.Equal(ProductStates.Running, Assert.Single(error.LastStatus!.Products).State);
    }

    [Fact]
    public void Relative_urls_from_the_silo_resolve_against_its_base_address_including_a_path_prefix()
    {
        using var client = new SiloClient(new Uri("http://example.test:5080/eo"));

        Assert.Equal(new Uri("http://example.test:5080/eo/stac/collections/ndvi/items/x"), client.ResolveUrl("/stac/collections/ndvi/items/x"));
        Assert.Equal(new Uri("https://elsewhere.test/a"), client.ResolveUrl("https://elsewhere.test/a"));
    }

    private static SiloClient ClientOver(StubSiloHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://silo.test/") }) { PollInterval = TimeSpan.FromMilliseconds(10) };

    private sealed class ListProgress(List<string> states) : IProgress<SceneStatus>
    {
        public void Report(SceneStatus value) => states.Add(value.Products[0].State);
    }
}
