using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.Stac;

/// <summary>
/// A silo with STAC Transactions enabled, holding a test collection of 60 items written through the
/// Transactions API: a 0.5° square every 3° along the equator band, an hour apart, cloud cover varying.
/// </summary>
public sealed class StacApiFixture : IAsyncLifetime
{
    public const string ApiKey = "test-writer-key-0123";
    public const string CollectionId = "s2-test";
    public const int ItemCount = 60;

    private readonly TempDirectory _root = new("stac-api");

    public StacApiFixture()
    {
        var settings = AuthSettings.PublicReadKeyedWrite("stac-writer", ApiKey);
        settings["Stac__Transactions__Enabled"] = "true";
        Silo = new SiloProcess(Path.Combine(_root.Path, "data"), settings);
        Http = new HttpClient { BaseAddress = Silo.BaseAddress };
    }

    public SiloProcess Silo { get; }

    /// <summary>Anonymous HTTP to the silo.</summary>
    public HttpClient Http { get; }

    public async Task InitializeAsync()
    {
        await Silo.StartAsync();
        var collection = new JsonObject
        {
            ["type"] = "Collection",
            ["id"] = CollectionId,
            ["description"] = "Items written by the STAC API tests",
            ["license"] = "CC-BY-4.0",
            ["extent"] = new JsonObject
            {
                ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray(-180, -90, 180, 90)) },
                ["temporal"] = new JsonObject { ["interval"] = new JsonArray(new JsonArray("2024-01-01T00:00:00Z", null)) },
            },
        };
        (await SendAsync(HttpMethod.Post, "stac/collections", collection, ApiKey)).EnsureSuccessStatusCode();
        var features = new JsonArray();
        for (var i = 0; i < ItemCount; i++) features.Add(Item(i));
        (await SendAsync(HttpMethod.Post, $"stac/collections/{CollectionId}/items", new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }, ApiKey))
            .EnsureSuccessStatusCode();
    }

    /// <summary>Item i: lon = -90 + 3i, lat 0, 2024-01-01 + i hours, eo:cloud_cover = (i * 7) % 100.</summary>
    public static JsonObject Item(int i, string? id = null)
    {
        var lon = -90 + 3 * i;
        return new JsonObject
        {
            ["type"] = "Feature",
            ["stac_version"] = "1.1.0",
            ["stac_extensions"] = new JsonArray("https://stac-extensions.github.io/eo/v2.0.0/schema.json"),
            ["id"] = id ?? $"item-{i:D3}",
            ["bbox"] = new JsonArray(lon, 0, lon + 0.5, 0.5),
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(
                    new JsonArray(lon, 0), new JsonArray(lon + 0.5, 0), new JsonArray(lon + 0.5, 0.5), new JsonArray(lon, 0.5), new JsonArray(lon, 0))),
            },
            ["properties"] = new JsonObject
            {
                ["datetime"] = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i).ToString("yyyy-MM-ddTHH:mm:ssZ"),
                ["eo:cloud_cover"] = i * 7 % 100,
                ["platform"] = i % 2 == 0 ? "sentinel-2a" : "sentinel-2b",
            },
            ["links"] = new JsonArray(),
            ["assets"] = new JsonObject
            {
                ["thumbnail"] = new JsonObject { ["href"] = $"https://example.org/{i}.png", ["type"] = "image/png", ["roles"] = new JsonArray("thumbnail") },
            },
        };
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? bearer = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        return Http.SendAsync(request);
    }

    /// <summary>GETs (or POSTs) and parses a JSON answer, failing with the body when the status is not 2xx.</summary>
    public async Task<JsonObject> JsonAsync(HttpMethod method, string path, JsonNode? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var response = await SendAsync(method, path, body, headers: headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Silo.DisposeAsync();
        _root.Dispose();
    }
}
