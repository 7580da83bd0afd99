using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Infrastructure;
using Actors.Processing.Products;
using Actors.Processing.Samples;
using Xunit.Abstractions;

namespace Actors.EndToEnd.Tests.Stac;

/// <summary>
/// The external STAC API of publishing outward: a real silo with STAC Transactions enabled (silo A), which the
/// publishing silos of the tests push their completed products to.
/// </summary>
public sealed class StacPublishingFixture : IAsyncLifetime
{
    public const string ApiKey = "publishing-target-key";
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(3);
    public const string SourceRoot = "https://eo.example.org/catalog/stac";

    private readonly TempDirectory _root = new("stac-publish");

    public StacPublishingFixture()
    {
        var settings = AuthSettings.PublicReadKeyedWrite("publisher-silo", ApiKey);
        settings["Stac__Transactions__Enabled"] = "true";
        Target = new SiloProcess(Path.Combine(_root.Path, "target"), settings);
        Samples = new SampleLibrary(Path.Combine(_root.Path, "samples"));
        Http = new HttpClient { BaseAddress = Target.BaseAddress };
    }

    /// <summary>Silo A: the external STAC API.</summary>
    public SiloProcess Target { get; }

    /// <summary>Anonymous HTTP to the target.</summary>
    public HttpClient Http { get; }

    public SampleLibrary Samples { get; }

    /// <summary>A (not yet started) silo publishing to the target, with a short retry period and <paramref name="extra"/> settings.</summary>
    public SiloProcess Publisher(string name, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Stac__Publish__Url"] = new Uri(Target.BaseAddress, "stac").ToString(),
            ["Stac__Publish__ApiKey"] = ApiKey,
            ["Stac__Publish__RetryPeriod"] = RetryPeriod.ToString(),
            ["Stac__Publish__MaxRetryDelay"] = MaxRetryDelay.ToString(),
            ["Stac__Publish__Timeout"] = "00:00:10",
            ["Stac__Publish__SourceRoot"] = SourceRoot,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) environment[key] = value;
        return new SiloProcess(Path.Combine(_root.Path, name), environment);
    }

    /// <summary>The target's item, or null when it has none.</summary>
    public async Task<JsonObject?> TargetItemAsync(string collection, string itemId)
    {
        using var response = await Http.GetAsync($"stac/collections/{Uri.EscapeDataString(collection)}/items/{Uri.EscapeDataString(itemId)}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET item {collection}/{itemId} from the target: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>How many items with <paramref name="itemId"/> a search of every collection of the target finds.</summary>
    public async Task<int> TargetSearchCountAsync(string itemId)
    {
        using var response = await Http.PostAsJsonAsync("stac/search", new JsonObject { ["ids"] = new JsonArray(itemId), ["limit"] = 100 });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"search on the target: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["features"]!.AsArray().Count(f => f?["id"]?.GetValue<string>() == itemId);
    }

    /// <summary>Writes <paramref name="item"/> to the target through its Transactions API.</summary>
    public async Task PostTargetItemAsync(string collection, JsonObject item)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"stac/collections/{Uri.EscapeDataString(collection)}/items") { Content = JsonContent.Create(item) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        using var response = await Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST item to the target: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public Task InitializeAsync() => Target.StartAsync();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Target.DisposeAsync();
        _root.Dispose();
    }
}

/// <summary>
/// Publishing outward (<c>Stac__Publish__*</c>): completed products of a silo reach another silo's STAC
/// Transactions API exactly once, across an outage of the target and a duplicate acquisition; an item the
/// target holds already is replaced, not duplicated; a pending publication outlives a crash of the publishing silo;
/// a target that refuses the item ends the publication failed.
/// </summary>
public sealed class StacPublishingTests(StacPublishingFixture fixture, ITestOutputHelper output) : IClassFixture<StacPublishingFixture>
{
    private static readonly TimeSpan SceneTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PublicationTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Completed_products_reach_the_target_once_across_a_target_outage_and_a_duplicate_acquisition()
    {
        var target = fixture.Target;
        await using var publisher = fixture.Publisher("publisher", new Dictionary<string, string> { ["Stac__Publish__Collections__ndvi"] = "ext-ndvi" });
        await publisher.StartAsync();
        static string TargetCollection(string product) => product == ProductNames.Ndvi ? "ext-ndvi" : product;

        // 1. The target is up: each product is created there, ndvi in a collection the publisher creates first.
        var first = await fixture.Samples.GenerateAsync(size: 256, seed: 1301);
        var scene1 = await PublishAndWaitAsync(publisher, first);
        foreach (var (product, itemId) in CompletedItems(scene1))
        {
            var status = await WaitForPublicationAsync(publisher, product, itemId, s => s["state"]!.GetValue<string>() == "published");
            Assert.Equal("created", status["outcome"]?.GetValue<string>());
            Assert.Equal(TargetCollection(product), status["targetCollection"]!.GetValue<string>());
            var item = await fixture.TargetItemAsync(TargetCollection(product), itemId);
            Assert.NotNull(item);
            Assert.Equal(1, await fixture.TargetSearchCountAsync(itemId));
            // The root-relative derived_from link was made absolute against Stac:Publish:SourceRoot.
            Assert.Contains(item["links"]!.AsArray(), l => l?["rel"]?.GetValue<string>() == "derived_from"
                && l["href"]?.GetValue<string>() == $"{StacPublishingFixture.SourceRoot}/collections/scenes/items/{scene1.SceneId}");
        }
        using (var collection = await fixture.Http.GetAsync("stac/collections/ext-ndvi"))
            Assert.Equal(HttpStatusCode.OK, collection.StatusCode);

        // 2. The target is down: the publication stays pending with the error, and is retried.
        await target.StopAsync(TimeSpan.FromSeconds(60));
        var second = await fixture.Samples.GenerateAsync(size: 256, seed: 1302);
        var scene2 = await PublishAndWaitAsync(publisher, second);
        var items2 = CompletedItems(scene2);
        foreach (var (product, itemId) in items2)
        {
            var pending = await WaitForPublicationAsync(publisher, product, itemId, s => s["attempts"]!.GetValue<int>() >= 2);
            output.WriteLine($"while the target is down: {pending.ToJsonString()}");
            Assert.Equal("pending", pending["state"]!.GetValue<string>());
            Assert.Contains("unreachable", pending["lastError"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
            Assert.NotNull(pending["nextAttemptAt"]);
        }

        // 3. The target is back (same data, same port): the items arrive within the retry delay.
        await target.StartAsync();
        var published = new Dictionary<string, JsonObject>();
        foreach (var (product, itemId) in items2)
        {
            var status = await WaitForPublicationAsync(publisher, product, itemId, s => s["state"]!.GetValue<string>() == "published",
                StacPublishingFixture.MaxRetryDelay + TimeSpan.FromSeconds(20));
            Assert.True(status["attempts"]!.GetValue<int>() >= 3, status.ToJsonString());
            Assert.NotNull(await fixture.TargetItemAsync(TargetCollection(product), itemId));
            Assert.Equal(1, await fixture.TargetSearchCountAsync(itemId));
            published[itemId] = status;
        }

        // 4. The same acquisition again: nothing is pushed again, the target still holds each item once.
        var again = await publisher.Client.PublishAsync(new AcquisitionRequest { ItemHref = second.ItemPath });
        Assert.True(again.AlreadyKnown);
        await publisher.Client.WaitForSceneAsync(again.SceneId, SceneTimeout);
        // Absence can only be watched for a while: two of the longest retry delays, where a repeat push would have come.
        await Task.Delay(StacPublishingFixture.MaxRetryDelay * 2);
        foreach (var (product, itemId) in CompletedItems(scene1).Concat(items2))
        {
            var status = (await PublicationAsync(publisher, product, itemId))!;
            Assert.Equal("published", status["state"]!.GetValue<string>());
            if (published.TryGetValue(itemId, out var before))
            {
                Assert.Equal(before["attempts"]!.GetValue<int>(), status["attempts"]!.GetValue<int>());
                Assert.Equal(before["publishedAt"]!.GetValue<string>(), status["publishedAt"]!.GetValue<string>());
            }
            Assert.Equal(1, await fixture.TargetSearchCountAsync(itemId));
            Assert.Single(publisher.OutputLines, line => line.Contains($"Published {product}/{itemId} to", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_item_the_target_already_holds_is_replaced_not_duplicated()
    {
        var sample = await fixture.Samples.GenerateAsync(size: 256, seed: 1303);
        // Stale items under the ids the products will have ({scene}_{product}_v{version}), written to the target first.
        var expected = ProcessorRegistry.Default().All.ToDictionary(p => p.Name, p => $"{sample.ItemId}_{p.Name}_v{p.Version}");
        foreach (var (product, itemId) in expected)
        {
            var stale = StacApiFixture.Item(0, itemId);
            stale["properties"]!["stale"] = true;
            await fixture.PostTargetItemAsync(product, stale);
        }

        await using var publisher = fixture.Publisher("replacing");
        await publisher.StartAsync();
        var scene = await PublishAndWaitAsync(publisher, sample);
        var items = CompletedItems(scene);
        Assert.Equal(expected.OrderBy(e => e.Key), items.OrderBy(i => i.Product).Select(i => KeyValuePair.Create(i.Product, i.ItemId)));
        foreach (var (product, itemId) in items)
        {
            var status = await WaitForPublicationAsync(publisher, product, itemId, s => s["state"]!.GetValue<string>() == "published");
            Assert.Equal("updated", status["outcome"]?.GetValue<string>());
            var item = (await fixture.TargetItemAsync(product, itemId))!;
            Assert.Null(item["properties"]!["stale"]);
            Assert.NotNull(item["properties"]!["processing:lineage"]);
            Assert.Equal(1, await fixture.TargetSearchCountAsync(itemId));
        }
    }

    [Fact]
    public async Task A_target_refusing_the_item_ends_the_publication_failed_with_the_reason()
    {
        await using var publisher = fixture.Publisher("refused", new Dictionary<string, string> { ["Stac__Publish__ApiKey"] = "not-the-key" });
        await publisher.StartAsync();
        var sample = await fixture.Samples.GenerateAsync(size: 256, seed: 1304);
        var scene = await PublishAndWaitAsync(publisher, sample);
        var items = CompletedItems(scene);
        foreach (var (product, itemId) in items)
        {
            var status = await WaitForPublicationAsync(publisher, product, itemId, s => s["state"]!.GetValue<string>() != "pending");
            output.WriteLine(status.ToJsonString());
            Assert.Equal("failed", status["state"]!.GetValue<string>());
            Assert.Contains("401", status["lastError"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
        }
        // Not retried: several retry delays later each publication was tried once, and the target has nothing.
        await Task.Delay(StacPublishingFixture.MaxRetryDelay * 2 + TimeSpan.FromSeconds(1));
        foreach (var (product, itemId) in items)
        {
            var status = (await PublicationAsync(publisher, product, itemId))!;
            Assert.Equal("failed", status["state"]!.GetValue<string>());
            Assert.Equal(1, status["attempts"]!.GetValue<int>());
            Assert.Null(await fixture.TargetItemAsync(product, itemId));
            Assert.Single(publisher.OutputLines, line => line.Contains($"Publishing {product}/{itemId} to", StringComparison.Ordinal)
                && line.Contains("failed for good", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_pending_publication_outlives_a_crash_of_the_publishing_silo()
    {
        var target = fixture.Target;
        // A short resume period: the publication's reminder (its durable backstop) ticks every 5 s.
        await using var publisher = fixture.Publisher("crashing", new Dictionary<string, string> { ["Silo__ResumePeriod"] = "00:00:05" });
        await publisher.StartAsync();
        await target.StopAsync(TimeSpan.FromSeconds(60));
        List<(string Product, string ItemId)> items;
        try
        {
            var sample = await fixture.Samples.GenerateAsync(size: 256, seed: 1305);
            items = CompletedItems(await PublishAndWaitAsync(publisher, sample));
            foreach (var (product, itemId) in items)
                Assert.Equal("pending", (await WaitForPublicationAsync(publisher, product, itemId, s => s["attempts"]!.GetValue<int>() >= 1))["state"]!.GetValue<string>());
            publisher.Kill();
        }
        finally
        {
            await target.StartAsync();
        }

        // Nothing calls the publication grains after the restart: their reminders bring them back. The test watches
        // the target only, since asking the publisher for a publication's status would activate its grain too.
        await publisher.StartAsync();
        foreach (var (product, itemId) in items)
            await Eventually.GetAsync($"{product}/{itemId} to arrive at the target", PublicationTimeout, _ => fixture.TargetItemAsync(product, itemId));
        foreach (var (product, itemId) in items)
        {
            // The target holds the item as soon as it answered 201; the grain records that a moment later.
            var status = await WaitForPublicationAsync(publisher, product, itemId, s => s["state"]!.GetValue<string>() != "pending");
            Assert.Equal("published", status["state"]!.GetValue<string>());
            Assert.Equal("created", status["outcome"]?.GetValue<string>());
            Assert.NotNull(await fixture.TargetItemAsync(product, itemId));
            Assert.Equal(1, await fixture.TargetSearchCountAsync(itemId));
        }
    }

    [Fact]
    public async Task A_publishing_url_that_is_not_absolute_http_stops_the_silo_at_start()
    {
        await using var publisher = fixture.Publisher("bad-url", new Dictionary<string, string> { ["Stac__Publish__Url"] = "ftp://example.org/stac" });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => publisher.StartAsync());
        Assert.Contains("exited", error.Message, StringComparison.Ordinal);
        Assert.Contains(publisher.OutputLines, line => line.Contains("Stac:Publish:Url must be an absolute http(s) URL", StringComparison.Ordinal));
    }

    private static async Task<SceneStatus> PublishAndWaitAsync(SiloProcess silo, SampleScene sample)
    {
        var accepted = await silo.Client.PublishAsync(new AcquisitionRequest { ItemHref = sample.ItemPath });
        var scene = await silo.Client.WaitForSceneAsync(accepted.SceneId, SceneTimeout);
        Assert.False(scene.HasFailures, $"{scene.SceneId}: {scene.Reason}; {string.Join("; ", scene.Products.Select(p => $"{p.Product}={p.State} {p.Reason}"))}\n{silo.Tail()}");
        return scene;
    }

    // (product, item id) of each completed product, from its STAC item URL /stac/collections/{product}/items/{id}.
    private static List<(string Product, string ItemId)> CompletedItems(SceneStatus scene)
    {
        var items = scene.Products
            .Where(p => p.State == ProductStates.Completed)
            .Select(p => (p.Product, Uri.UnescapeDataString(p.StacItemUrl!.Split('/')[^1])))
            .ToList();
        Assert.Equal(2, items.Count);
        return items;
    }

    private static async Task<JsonObject?> PublicationAsync(SiloProcess silo, string collection, string itemId)
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        using var response = await http.GetAsync($"api/publications/{Uri.EscapeDataString(collection)}/{Uri.EscapeDataString(itemId)}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET publication {collection}/{itemId}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<JsonObject> WaitForPublicationAsync(
        SiloProcess silo, string collection, string itemId, Func<JsonObject, bool> condition, TimeSpan? timeout = null)
    {
        JsonObject? last = null;
        try
        {
            return await Eventually.GetAsync($"the publication of {collection}/{itemId} to reach the expected state", timeout ?? PublicationTimeout, async _ =>
            {
                last = await PublicationAsync(silo, collection, itemId);
                return last is not null && condition(last) ? last : null;
            });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Last status: {last?.ToJsonString() ?? "none"}\n{silo.Tail()}", e);
        }
    }
}
