using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Actors.EndToEnd.Tests.Feeds;

/// <summary>
/// The feeder acceptance: one silo serves a STAC API with 300 scene items (written through its Transactions
/// API, assets on disk); a second silo subscribes to it with a CQL2 filter. Every matching item is processed
/// exactly once, across a SIGKILL and restart of the subscribing silo and a period when the source is down;
/// non-matching items never reach a scene grain.
/// </summary>
public sealed partial class FeedAcceptanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ApiKey = "source-writer-key-0123";
    private const string Collection = "sentinel-2-l2a";
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _root = new("feed-acceptance");
    private SiloProcess _source = null!;
    private SiloProcess _subscriber = null!;
    private HttpClient _sourceHttp = null!;

    public async Task InitializeAsync()
    {
        var sourceSettings = AuthSettings.PublicReadKeyedWrite("source-writer", ApiKey);
        sourceSettings["Stac__Transactions__Enabled"] = "true";
        _source = new SiloProcess(Path.Combine(_root.Path, "source"), sourceSettings);
        _subscriber = new SiloProcess(Path.Combine(_root.Path, "subscriber"), new Dictionary<string, string>
        {
            ["Silo__ResumePeriod"] = "00:00:02",
            ["Feeds__PageSize"] = "10",
            ["Feeds__MaxBackoff"] = "00:00:03",
            // The source silo listens on loopback, which the href policy refuses unless opened.
            ["Hrefs__AllowedPrivateNetworks__0"] = "127.0.0.1/32",
        });
        _sourceHttp = new HttpClient { BaseAddress = _source.BaseAddress };
        _sourceHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        await Task.WhenAll(_source.StartAsync(), _subscriber.StartAsync());
    }

    public async Task DisposeAsync()
    {
        _sourceHttp.Dispose();
        await _subscriber.DisposeAsync();
        await _source.DisposeAsync();
        _root.Dispose();
    }

    [GeneratedRegex(@"Accepted acquisition of (\S+) \(\w+, repeat: (True|False)\)")]
    private static partial Regex Accepted();

    [Fact]
    public async Task Every_matching_item_of_300_is_processed_once_across_a_subscriber_kill_and_a_source_outage_and_no_other_ever()
    {
        var sample = await new SampleLibrary(Path.Combine(_root.Path, "samples")).GenerateAsync(size: 96, seed: 31);
        var template = JsonNode.Parse(await File.ReadAllTextAsync(sample.ItemPath))!.AsObject();
        // Cloud cover i % 100: items 0-19, 100-119 and 200-219 match "eo:cloud_cover < 20".
        var items = Enumerable.Range(0, 300).Select(i => Item(template, sample.ItemPath, i)).ToArray();
        var matching = Enumerable.Range(0, 300).Where(i => i % 100 < 20).Select(Id).ToHashSet();

        await PostAsync("stac/collections", CollectionDocument());
        await PostAsync($"stac/collections/{Collection}/items", FeatureCollection(items[..150]));
        await _subscriber.Client.CreateSubscriptionAsync(new SubscriptionRequest
        {
            Id = "s2-clear",
            Source = new Uri(_source.BaseAddress, "stac").ToString(),
            Collections = [Collection],
            Start = T0.ToString("O", CultureInfo.InvariantCulture),
            Filter = "eo:cloud_cover < 20",
            Products = [ProductNames.Ndvi],
            Period = "1s",
        });
        await Eventually.TrueAsync("the first matching items", TimeSpan.FromMinutes(2), async ct =>
            (await _subscriber.Client.GetSubscriptionAsync("s2-clear", ct)).ItemsPublished >= 15);

        // The subscriber dies mid-feed; new items appear; the source goes away before the subscriber is back.
        var completedBeforeKill = (await NdviItemsAsync(default)).Select(SceneOf).ToHashSet();
        _subscriber.Kill();
        await PostAsync($"stac/collections/{Collection}/items", FeatureCollection(items[150..]));
        await _source.StopAsync(TimeSpan.FromSeconds(30));
        await _subscriber.StartAsync();
        var down = await Eventually.GetAsync("failed polls while the source is down", TimeSpan.FromMinutes(1), async ct =>
            await _subscriber.Client.GetSubscriptionAsync("s2-clear", ct) is { ConsecutiveFailures: >= 2 } s ? s : null);
        output.WriteLine($"while down: {down}");
        await _source.StartAsync();

        await Eventually.TrueAsync("every matching item processed", TimeSpan.FromMinutes(4), async ct =>
            (await _subscriber.Client.GetSubscriptionAsync("s2-clear", ct)) is { ItemsPublished: >= 60, ConsecutiveFailures: 0 }
            && (await NdviItemsAsync(ct)).Count == matching.Count);
        // A few more polls: nothing new may be published or computed.
        var polled = (await _subscriber.Client.GetSubscriptionAsync("s2-clear")).LastPollAt;
        await Eventually.TrueAsync("three more polls", TimeSpan.FromMinutes(1), async ct =>
            (await _subscriber.Client.GetSubscriptionAsync("s2-clear", ct)).LastPollAt > polled!.Value.AddSeconds(3));

        // The scene grains' own state is the record: log lines written just before a SIGKILL can be lost with it.
        var accepted = _subscriber.OutputLines.Select(l => Accepted().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        output.WriteLine($"{accepted.Count} acceptance log lines, {completedBeforeKill.Count} scenes completed before the kill");
        Assert.DoesNotContain(accepted, scene => !matching.Contains(scene));
        var ndvi = await NdviItemsAsync(default);
        Assert.Equal(matching.Order(StringComparer.Ordinal), ndvi.Select(SceneOf).Order(StringComparer.Ordinal));
        var twice = new List<string>();
        foreach (var id in matching)
        {
            var product = (await _subscriber.Client.GetSceneAsync(id)).Products.Single();
            Assert.Equal(ProductStates.Completed, product.State);
            Assert.InRange(product.Computations, 1, 2);
            if (product.Computations == 2)
                twice.Add(id);
        }
        // Computed once; only the computation the kill interrupted may have started twice. Its "Computing" log
        // line can be lost with the killed process's console buffer, so the durable record decides: one silo
        // computes one product at a time (ProductConcurrency 1), and a product finished before the kill is never redone.
        Assert.True(twice.Count <= 1, $"computed twice: {string.Join(", ", twice)}");
        Assert.DoesNotContain(twice, completedBeforeKill.Contains);
        foreach (var id in new[] { Id(20), Id(150), Id(299) })
            await Assert.ThrowsAsync<Actors.Client.SiloApiException>(() => _subscriber.Client.GetSceneAsync(id));
    }

    private static string SceneOf(string ndviItemId) => ndviItemId[..ndviItemId.IndexOf("_ndvi_", StringComparison.Ordinal)];

    private async Task<List<string>> NdviItemsAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = _subscriber.BaseAddress };
        var page = JsonNode.Parse(await http.GetStringAsync($"stac/search?collections={ProductNames.Ndvi}&limit=1000", cancellationToken))!;
        return page["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).ToList();
    }

    private async Task PostAsync(string path, JsonObject body)
    {
        using var response = await _sourceHttp.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Id(int i) => $"S2X_FEED_{i:D3}";

    /// <summary>The sample item as item i: its own id, datetime and cloud cover, assets as absolute paths.</summary>
    private static JsonObject Item(JsonObject template, string templatePath, int i)
    {
        var item = template.DeepClone().AsObject();
        item["id"] = Id(i);
        item["collection"] = Collection;
        item["links"] = new JsonArray();
        var properties = item["properties"]!.AsObject();
        properties["datetime"] = T0.AddMinutes(i).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        properties["eo:cloud_cover"] = i % 100;
        foreach (var (_, asset) in item["assets"]!.AsObject())
        {
            var href = asset!["href"]!.GetValue<string>();
            if (!Path.IsPathRooted(href) && !href.Contains("://", StringComparison.Ordinal))
                asset["href"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(templatePath)!, href));
        }
        return item;
    }

    private static JsonObject FeatureCollection(IEnumerable<JsonObject> items) =>
        new() { ["type"] = "FeatureCollection", ["features"] = new JsonArray(items.Select(i => (JsonNode?)i.DeepClone()).ToArray()) };

    private static JsonObject CollectionDocument() => new()
    {
        ["type"] = "Collection",
        ["id"] = Collection,
        ["description"] = "Synthetic Sentinel-2 L2A scenes served by the source silo",
        ["license"] = "other",
        ["extent"] = new JsonObject
        {
            ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray(-180, -90, 180, 90)) },
            ["temporal"] = new JsonObject { ["interval"] = new JsonArray(new JsonArray(null, null)) },
        },
    };
}
