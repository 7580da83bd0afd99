using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Feeds;
using Actors.Client;
using Actors.EndToEnd.Tests.Infrastructure;
using Actors.Grains.Tests.Feeds;

namespace Actors.EndToEnd.Tests.Feeds;

/// <summary>Feed subscriptions through the HTTP API, the SDK and the built eoctl against a real silo process.</summary>
public sealed class SubscriptionApiTests(LoopbackSourcesSiloFixture fixture) : IClassFixture<LoopbackSourcesSiloFixture>, IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private StubStacSource _source = null!;

    public async Task InitializeAsync() => _source = await StubStacSource.StartAsync();

    public async Task DisposeAsync() => await _source.DisposeAsync();

    private SiloClient Client => fixture.Silo.Client;

    private static string UnreachableSource => $"http://127.0.0.1:{FreePort.Next()}/stac";

    /// <summary>Bodies the API must reject; <c>{source}</c> is replaced by a valid source URL.</summary>
    public static TheoryData<string, string, string> RejectedBodies => new()
    {
        // name, JSON body, a word the error message must contain (case-insensitive)
        { "malformed JSON", """{"id": "x", """, "JSON" },
        { "bad id", """{"id": "Not A Slug", "source": "{source}", "products": ["ndvi"]}""", "id" },
        { "missing id", """{"source": "{source}", "products": ["ndvi"]}""", "id" },
        { "bad URL", """{"id": "bad-url", "source": "ftp://example.com/stac", "products": ["ndvi"]}""", "source" },
        { "not a URL", """{"id": "bad-url", "source": "stac please", "products": ["ndvi"]}""", "source" },
        { "no products", """{"id": "no-products", "source": "{source}", "products": []}""", "products" },
        { "products absent", """{"id": "no-products", "source": "{source}"}""", "products" },
        { "unknown product", """{"id": "snow", "source": "{source}", "products": ["snow-cover"]}""", "snow-cover" },
        { "bbox west of east", """{"id": "bad-bbox", "source": "{source}", "products": ["ndvi"], "bbox": [15, 52, 12, 55]}""", "bbox" },
        { "bbox with three numbers", """{"id": "bad-bbox", "source": "{source}", "products": ["ndvi"], "bbox": [12, 52, 15]}""", "bbox" },
        { "bad aoi", """{"id": "bad-aoi", "source": "{source}", "products": ["ndvi"], "aoi": [13.5, 53.2, 213.6, 53.24]}""", "aoi" },
        { "unreadable period", """{"id": "bad-period", "source": "{source}", "products": ["ndvi"], "period": "often"}""", "period" },
        { "zero period", """{"id": "bad-period", "source": "{source}", "products": ["ndvi"], "period": "0s"}""", "period" },
        { "period too long", """{"id": "bad-period", "source": "{source}", "products": ["ndvi"], "period": "30d"}""", "period" },
        { "unreadable start", """{"id": "bad-start", "source": "{source}", "products": ["ndvi"], "start": "yesterday"}""", "start" },
        { "end before start", """{"id": "bad-window", "source": "{source}", "products": ["ndvi"], "start": "2025-01-02T00:00:00Z", "end": "2025-01-01T00:00:00Z"}""", "end" },
    };

    [Theory]
    [MemberData(nameof(RejectedBodies))]
    public async Task Invalid_subscription_is_rejected_with_400_and_a_clear_message_and_nothing_is_created(string name, string body, string mustMention)
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseAddress };
        using var response = await http.PostAsync("api/subscriptions",
            new StringContent(body.Replace("{source}", UnreachableSource), Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: expected 400, got {(int)response.StatusCode}");
        var error = await response.Content.ReadFromJsonAsync<ApiError>(SiloJson.Options);
        Assert.False(string.IsNullOrWhiteSpace(error?.Error), $"{name}: the 400 carries no error message");
        Assert.Contains(mustMention, error!.Error, StringComparison.OrdinalIgnoreCase);
        var ids = (await Client.ListSubscriptionsAsync()).Select(s => s.Id).ToArray();
        Assert.DoesNotContain(ids, id => id.StartsWith("bad-", StringComparison.Ordinal) || id is "no-products" or "snow");
    }

    [Fact]
    public async Task Create_list_show_pause_resume_delete_round_trip_over_http()
    {
        var source = UnreachableSource;
        var request = new SubscriptionRequest
        {
            Id = "http-round-trip",
            Source = source + "/",
            Collections = ["sentinel-2-l2a"],
            Bbox = [12, 52, 15, 55],
            Start = "2025-01-01T00:00:00Z",
            Filter = "eo:cloud_cover < 20",
            Products = [ProductNames.WaterBodies],
            Aoi = [13.5, 53.2, 13.56, 53.23],
            Period = "1h",
        };
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseAddress };

        using (var created = await http.PostAsJsonAsync("api/subscriptions", request, SiloJson.Options))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("/api/subscriptions/http-round-trip", created.Headers.Location?.OriginalString);
            var status = (await created.Content.ReadFromJsonAsync<FeedSubscriptionStatus>(SiloJson.Options))!;
            Assert.Equal(("http-round-trip", FeedStates.Active, source, TimeSpan.FromHours(1)),
                (status.Id, status.State, status.Definition.SourceUrl, status.Definition.Period));
            Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), status.Definition.Start);
        }
        // The same definition again: nothing changes (200); another one under the same id: 409.
        using (var repeated = await http.PostAsJsonAsync("api/subscriptions", request, SiloJson.Options))
            Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        var conflict = await Assert.ThrowsAsync<SiloApiException>(() => Client.CreateSubscriptionAsync(request with { Period = "2h" }));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("http-round-trip", conflict.Message);

        Assert.Contains(await Client.ListSubscriptionsAsync(), s => s.Id == "http-round-trip");
        // The source is unreachable: the first poll fails and says why.
        var failing = await Eventually.GetAsync("a failed poll", TimeSpan.FromSeconds(30), async ct =>
            await Client.GetSubscriptionAsync("http-round-trip", ct) is { ConsecutiveFailures: > 0 } s ? s : null);
        Assert.NotNull(failing.LastPollAt);
        Assert.False(string.IsNullOrWhiteSpace(failing.LastError));
        Assert.True(failing.NextPollAt > failing.LastErrorAt);

        var paused = await Client.PauseSubscriptionAsync("http-round-trip");
        Assert.Equal((FeedStates.Paused, (DateTimeOffset?)null), (paused.State, paused.NextPollAt));
        Assert.Equal(FeedStates.Paused, (await Client.GetSubscriptionAsync("http-round-trip")).State);
        var resumed = await Client.ResumeSubscriptionAsync("http-round-trip");
        Assert.Equal(FeedStates.Active, resumed.State);

        await Client.DeleteSubscriptionAsync("http-round-trip");
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<SiloApiException>(() => Client.GetSubscriptionAsync("http-round-trip"))).StatusCode);
        Assert.DoesNotContain(await Client.ListSubscriptionsAsync(), s => s.Id == "http-round-trip");
        using (var again = await http.DeleteAsync("api/subscriptions/http-round-trip"))
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using (var pauseUnknown = await http.PostAsync("api/subscriptions/http-round-trip/pause", null))
            Assert.Equal(HttpStatusCode.NotFound, pauseUnknown.StatusCode);
    }

    [Fact]
    public async Task Cli_add_list_show_pause_resume_delete_round_trip_and_validation_errors()
    {
        var server = fixture.Silo.BaseAddress.ToString();
        var source = UnreachableSource;
        async Task<CliProcess.Result> Eoctl(params string[] args) => await CliProcess.RunAsync(CommandTimeout, [.. args, "--server", server]);

        var add = await Eoctl("subscriptions", "add", "cli-feed", "--source", source, "--collections", "sentinel-2-l2a",
            "--bbox", "12,52,15,55", "--start", "2025-01-01T00:00:00Z", "--filter", "eo:cloud_cover < 20",
            "--products", "water-bodies,ndvi", "--period", "10m", "--json");
        Assert.True(add.ExitCode == 0, add.ToString());
        var added = JsonNode.Parse(add.StandardOutput)!;
        Assert.Equal("cli-feed", (string?)added["id"]);
        Assert.Equal("active", (string?)added["state"]);
        Assert.Equal("eo:cloud_cover < 20", (string?)added["definition"]!["filter"]);
        Assert.Equal("00:10:00", (string?)added["definition"]!["period"]);

        var list = await Eoctl("subscriptions", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("cli-feed", list.StandardOutput);
        Assert.Contains(source, list.StandardOutput);
        var listJson = await Eoctl("subscriptions", "list", "--json");
        Assert.Contains(JsonNode.Parse(listJson.StandardOutput)!.AsArray(), s => (string?)s!["id"] == "cli-feed");

        var show = await Eoctl("subscriptions", "show", "cli-feed");
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("water-bodies,ndvi", show.StandardOutput);
        Assert.Contains("eo:cloud_cover < 20", show.StandardOutput);

        var pause = await Eoctl("subscriptions", "pause", "cli-feed");
        Assert.True(pause.ExitCode == 0, pause.ToString());
        Assert.Matches(@"State\s+paused", pause.StandardOutput);
        var resume = await Eoctl("subscriptions", "resume", "cli-feed", "--json");
        Assert.Equal("active", (string?)JsonNode.Parse(resume.StandardOutput)!["state"]);

        // Another definition under the same id is refused; the same one is fine.
        var conflict = await Eoctl("subscriptions", "add", "cli-feed", "--source", source, "--products", "ndvi");
        Assert.Equal(2, conflict.ExitCode);
        Assert.Contains("409", conflict.StandardError);

        var delete = await Eoctl("subscriptions", "delete", "cli-feed");
        Assert.True(delete.ExitCode == 0, delete.ToString());
        var gone = await Eoctl("subscriptions", "show", "cli-feed");
        Assert.Equal(2, gone.ExitCode);
        Assert.Contains("No subscription 'cli-feed'", gone.StandardError);

        foreach (var (args, mention) in new (string[] Args, string Mention)[]
        {
            (["subscriptions", "add", "bad-bbox", "--source", source, "--products", "ndvi", "--bbox", "15,52,12"], "--bbox"),
            (["subscriptions", "add", "no-products", "--source", source], "products"),
            (["subscriptions", "add", "bad-period", "--source", source, "--products", "ndvi", "--period", "sometimes"], "period"),
            (["subscriptions", "add", "bad-url", "--source", "example.com/stac", "--products", "ndvi"], "source"),
        })
        {
            var result = await Eoctl(args);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains(mention, result.StandardError, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("   at ", result.StandardError);
        }
        Assert.DoesNotContain(await Client.ListSubscriptionsAsync(), s => s.Id is "bad-bbox" or "no-products" or "bad-period" or "bad-url");
    }

    [Fact]
    public async Task A_subscription_makes_the_products_of_its_matching_items_once_and_skips_the_others()
    {
        var sample = await fixture.Samples.GenerateAsync(256, seed: 41);
        var clear = await ItemAsync(sample.ItemPath, sample.ItemId, "2025-03-01T10:00:00Z", 5);
        var (cloudyPath, cloudyId) = await SampleLibrary.VariantAsync(sample, "cloudy", _ => { });
        _source.Add(clear, await ItemAsync(cloudyPath, cloudyId, "2025-03-01T11:00:00Z", 90));

        await Client.CreateSubscriptionAsync(new SubscriptionRequest
        {
            Id = "sample-feed",
            Source = _source.Url,
            Filter = "eo:cloud_cover < 20",
            Products = [ProductNames.Ndvi],
            Period = "1s",
        });
        var scene = await Eventually.GetAsync("the matching item's scene", TimeSpan.FromMinutes(3), async ct =>
        {
            try
            {
                var s = await Client.GetSceneAsync(sample.ItemId, ct);
                return s.IsFinished ? s : null;
            }
            catch (SiloApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        });
        var ndvi = Assert.Single(scene.Products);
        Assert.Equal((ProductStates.Completed, 1), (ndvi.State, ndvi.Computations));

        // More polls go by: nothing is published or computed again, and the cloudy item never becomes a scene.
        var polls = _source.Requests.Count;
        await Eventually.TrueAsync("three more polls", TimeSpan.FromSeconds(30), _ => Task.FromResult(_source.Requests.Count >= polls + 3));
        var status = await Client.GetSubscriptionAsync("sample-feed");
        Assert.Equal((1L, 0, 0L), (status.ItemsPublished, status.ConsecutiveFailures, status.ItemsRejected));
        Assert.Equal(1, (await Client.GetSceneAsync(sample.ItemId)).Products.Single().Computations);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<SiloApiException>(() => Client.GetSceneAsync(cloudyId))).StatusCode);
        await Client.DeleteSubscriptionAsync("sample-feed");
    }

    // The sample item as a STAC API serves it: a datetime, a cloud cover, and a self link its relative asset hrefs resolve against.
    private static async Task<JsonObject> ItemAsync(string path, string id, string datetime, double cloudCover)
    {
        var item = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        Assert.Equal(id, (string?)item["id"]);
        var properties = item["properties"]!.AsObject();
        properties["datetime"] = datetime;
        properties["eo:cloud_cover"] = cloudCover;
        item["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = new Uri(path).AbsoluteUri });
        return item;
    }
}
