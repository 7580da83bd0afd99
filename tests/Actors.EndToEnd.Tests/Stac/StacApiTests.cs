using System.Net;
using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;
using static Actors.EndToEnd.Tests.Stac.StacApiFixture;

namespace Actors.EndToEnd.Tests.Stac;

/// <summary>The STAC API as a STAC client meets it, over HTTP on a real silo.</summary>
public sealed class StacApiTests(StacApiFixture api) : IClassFixture<StacApiFixture>
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;

    [Fact]
    public async Task Every_response_validates_against_the_stac_api_openapi_definitions_and_the_stac_schemas()
    {
        using var folder = new TempDirectory("stac-api-responses");
        var files = new Dictionary<string, List<string>>();
        async Task Save(string kind, JsonObject document)
        {
            if (!files.TryGetValue(kind, out var list)) files[kind] = list = [];
            list.Add(await StacValidator.SaveAsync(folder.Path, $"{kind}-{list.Count}.json", document));
        }

        await Save("landing", await api.JsonAsync(Get, "stac"));
        await Save("conformance", await api.JsonAsync(Get, "stac/conformance"));
        await Save("queryables", await api.JsonAsync(Get, "stac/queryables"));
        await Save("queryables", await api.JsonAsync(Get, $"stac/collections/{CollectionId}/queryables"));
        var collections = await api.JsonAsync(Get, "stac/collections");
        await Save("collections", collections);
        foreach (var c in collections["collections"]!.AsArray())
            await Save("collection", await api.JsonAsync(Get, $"stac/collections/{c!["id"]}"));

        // Items of a collection, every page through the next links.
        for (var href = $"stac/collections/{CollectionId}/items?limit=25"; href is not null;)
        {
            var page = await api.JsonAsync(Get, href);
            await Save("items", page);
            href = Next(page)?["href"]?.GetValue<string>();
        }
        await Save("item", await api.JsonAsync(Get, $"stac/collections/{CollectionId}/items/item-007"));
        await Save("search", await api.JsonAsync(Get, "stac/search?bbox=-60,-1,0,1&datetime=2024-01-01T05:00:00Z/..&limit=5&sortby=-eo:cloud_cover"));
        await Save("search", await api.JsonAsync(Get, "stac/search?filter=eo:cloud_cover%20%3C%2030&collections=" + CollectionId));
        var posted = await api.JsonAsync(Post, "stac/search", new JsonObject
        {
            ["collections"] = new JsonArray(CollectionId),
            ["intersects"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(-89.75, 0.25) },
        });
        await Save("search", posted);
        Assert.Equal("item-000", posted["features"]![0]!["id"]!.GetValue<string>());

        foreach (var (kind, list) in files)
        {
            var (exitCode, output) = await StacValidator.ValidateResponsesAsync(kind, list);
            Assert.True(exitCode == 0, $"{kind}:\n{output}");
            Assert.Equal(list.Count, output.Split('\n').Count(l => l.StartsWith("valid ", StringComparison.Ordinal)));
        }
        Assert.Equal(8, files.Count);
    }

    [Fact]
    public async Task The_landing_page_links_conformance_collections_search_and_the_children()
    {
        var landing = await api.JsonAsync(Get, "stac");
        var rels = landing["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).ToList();
        foreach (var rel in new[] { "self", "root", "conformance", "data", "search", "service-desc", "child" }) Assert.Contains(rel, rels);
        var conformsTo = landing["conformsTo"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Contains("https://api.stacspec.org/v1.0.0/item-search", conformsTo);
        Assert.Contains("https://api.stacspec.org/v1.0.0/ogcapi-features/extensions/transaction", conformsTo);
        Assert.Equal(conformsTo, (await api.JsonAsync(Get, "stac/conformance"))["conformsTo"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task The_service_description_is_an_openapi_definition_of_the_served_paths()
    {
        var landing = await api.JsonAsync(Get, "stac");
        var href = landing["links"]!.AsArray().First(l => l!["rel"]!.GetValue<string>() == "service-desc")!["href"]!.GetValue<string>();
        using var response = await api.SendAsync(Get, href);
        Assert.Equal("application/vnd.oai.openapi+json", response.Content.Headers.ContentType!.MediaType);
        var definition = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("3.0.3", definition["openapi"]!.GetValue<string>());
        Assert.Equal(new Uri(api.Silo.BaseAddress, "stac").ToString(), definition["servers"]![0]!["url"]!.GetValue<string>());
        var paths = definition["paths"]!.AsObject();
        Assert.NotNull(paths["/search"]!["get"]);
        Assert.NotNull(paths["/search"]!["post"]);
        Assert.NotNull(paths["/collections/{collectionId}/items/{featureId}"]!["delete"]);
    }

    [Fact]
    public async Task Links_are_absolute_and_follow_the_reverse_proxy_headers()
    {
        var proxy = new Dictionary<string, string>
        {
            ["X-Forwarded-Proto"] = "https",
            ["X-Forwarded-Host"] = "eo.example.org",
            ["X-Forwarded-Prefix"] = "/catalog",
        };
        const string root = "https://eo.example.org/catalog/stac";
        var landing = await api.JsonAsync(Get, "stac", headers: proxy);
        Assert.All(landing["links"]!.AsArray(), l => Assert.StartsWith(root, l!["href"]!.GetValue<string>()));
        var page = await api.JsonAsync(Get, $"stac/collections/{CollectionId}/items?limit=2", headers: proxy);
        Assert.StartsWith(root + $"/collections/{CollectionId}/items?", Next(page)!["href"]!.GetValue<string>());
        var self = page["features"]![0]!["links"]!.AsArray().First(l => l!["rel"]!.GetValue<string>() == "self")!;
        Assert.StartsWith(root + $"/collections/{CollectionId}/items/", self["href"]!.GetValue<string>());

        var direct = await api.JsonAsync(Get, "stac");
        Assert.Equal(new Uri(api.Silo.BaseAddress, "stac").ToString(), direct["links"]![0]!["href"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_and_post_search_pages_visit_every_match_once_and_prev_goes_back()
    {
        var viaGet = new List<string>();
        JsonObject? second = null;
        for (var href = $"stac/search?collections={CollectionId}&limit=7&sortby=%2Bid"; href is not null;)
        {
            var page = await api.JsonAsync(Get, href);
            viaGet.AddRange(Ids(page));
            second ??= viaGet.Count > 7 ? page : null;
            href = Next(page)?["href"]?.GetValue<string>();
        }
        Assert.Equal(Enumerable.Range(0, ItemCount).Select(i => $"item-{i:D3}"), viaGet);

        var prev = second!["links"]!.AsArray().First(l => l!["rel"]!.GetValue<string>() == "prev")!;
        Assert.Equal(viaGet.Take(7), Ids(await api.JsonAsync(Get, prev["href"]!.GetValue<string>())));

        var viaPost = new List<string>();
        JsonNode? body = new JsonObject { ["collections"] = new JsonArray(CollectionId), ["limit"] = 9, ["sortby"] = new JsonArray(new JsonObject { ["field"] = "datetime", ["direction"] = "asc" }) };
        while (body is not null)
        {
            var page = await api.JsonAsync(Post, "stac/search", body);
            viaPost.AddRange(Ids(page));
            var next = Next(page);
            Assert.True(next is null || next["method"]!.GetValue<string>() == "POST");
            body = next?["body"];
        }
        Assert.Equal(viaGet, viaPost);
    }

    [Fact]
    public async Task Eoctl_search_follows_the_pages_of_a_filtered_search_and_reports_a_bad_filter()
    {
        var server = api.Silo.BaseAddress.ToString();
        var found = await CliProcess.RunAsync(TimeSpan.FromMinutes(1),
            "--server", server, "search", "--collections", CollectionId, "--filter", "eo:cloud_cover < 30", "--sortby", "+id", "--json");
        Assert.True(found.ExitCode == 0, found.ToString());
        var ids = JsonNode.Parse(found.StandardOutput)!.AsArray().Select(i => i!["id"]!.GetValue<string>());
        var expected = Enumerable.Range(0, ItemCount).Where(i => i * 7 % 100 < 30).Select(i => $"item-{i:D3}");
        Assert.Equal(expected, ids);

        var table = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "--server", server, "search", "--ids", "item-003,item-004", "--max", "1");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("1 item(s)", table.StandardError);

        var bad = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "--server", server, "search", "--filter", "eo:cloud_cover <");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("filter", bad.StandardError);
    }

    [Fact]
    public async Task Fields_keep_only_what_was_asked_for()
    {
        var page = await api.JsonAsync(Get, $"stac/search?collections={CollectionId}&limit=3&fields=properties.eo:cloud_cover,-links");
        foreach (var feature in page["features"]!.AsArray().Select(f => f!.AsObject()))
        {
            Assert.Equal(["collection", "id", "properties", "type"], feature.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal(["eo:cloud_cover"], feature["properties"]!.AsObject().Select(p => p.Key));
        }
    }

    [Theory]
    [InlineData("stac/search?bbox=1,2,3", "bbox")]
    [InlineData("stac/search?bbox=10,0,20,-5", "south")]
    [InlineData("stac/search?datetime=yesterday", "datetime")]
    [InlineData("stac/search?limit=0", "limit")]
    [InlineData("stac/search?token=not-a-token", "token")]
    [InlineData("stac/search?filter=eo:cloud_cover%20%3C", "filter")]
    [InlineData("stac/search?filter-lang=cql3&filter=x%3D1", "filter-lang")]
    [InlineData("stac/search?bbox=0,0,1,1&intersects=%7B%22type%22%3A%22Point%22%2C%22coordinates%22%3A%5B0%2C0%5D%7D", "intersects")]
    [InlineData("stac/collections/s2-test/items?datetime=2024-13-01T00:00:00Z", "datetime")]
    public async Task Malformed_requests_are_refused_with_400_and_a_description_naming_the_parameter(string href, string named)
    {
        using var response = await api.SendAsync(Get, href);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("BadRequest", error["code"]!.GetValue<string>());
        Assert.Contains(named, error["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_search_body_that_is_not_json_is_refused_with_400()
    {
        using var request = new HttpRequestMessage(Post, "stac/search") { Content = new StringContent("{bbox: [", System.Text.Encoding.UTF8, "application/json") };
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_collections_and_items_are_404()
    {
        using var collection = await api.SendAsync(Get, "stac/collections/nope/items");
        Assert.Equal(HttpStatusCode.NotFound, collection.StatusCode);
        using var item = await api.SendAsync(Get, $"stac/collections/{CollectionId}/items/nope");
        Assert.Equal(HttpStatusCode.NotFound, item.StatusCode);
    }

    [Fact]
    public async Task Transactions_need_the_api_key_and_keep_the_collection_extent_true()
    {
        var item = Item(100, "tx-item");
        using (var anonymous = await api.SendAsync(Post, $"stac/collections/{CollectionId}/items", item))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var wrong = await api.SendAsync(Post, $"stac/collections/{CollectionId}/items", item, "wrong-key"))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(Get, $"stac/collections/{CollectionId}/items/tx-item")).StatusCode);

        using (var created = await api.SendAsync(Post, $"stac/collections/{CollectionId}/items", item, ApiKey))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.EndsWith($"/stac/collections/{CollectionId}/items/tx-item", created.Headers.Location!.ToString());
        }
        using (var again = await api.SendAsync(Post, $"stac/collections/{CollectionId}/items", item, ApiKey))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var extent = (await api.JsonAsync(Get, $"stac/collections/{CollectionId}"))["extent"]!;
        Assert.Equal(210.5, extent["spatial"]!["bbox"]![0]![2]!.GetValue<double>());

        item["properties"]!["eo:cloud_cover"] = 1;
        using (var replaced = await api.SendAsync(HttpMethod.Put, $"stac/collections/{CollectionId}/items/tx-item", item, ApiKey))
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(1, (await api.JsonAsync(Get, $"stac/collections/{CollectionId}/items/tx-item"))["properties"]!["eo:cloud_cover"]!.GetValue<int>());

        using (var deleted = await api.SendAsync(HttpMethod.Delete, $"stac/collections/{CollectionId}/items/tx-item", bearer: ApiKey))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(Get, $"stac/collections/{CollectionId}/items/tx-item")).StatusCode);
        extent = (await api.JsonAsync(Get, $"stac/collections/{CollectionId}"))["extent"]!;
        Assert.Equal(87.5, extent["spatial"]!["bbox"]![0]![2]!.GetValue<double>());
    }

    [Fact]
    public async Task Transactions_refuse_an_item_without_a_datetime()
    {
        var item = Item(101, "no-time");
        item["properties"]!.AsObject().Remove("datetime");
        using var response = await api.SendAsync(Post, $"stac/collections/{CollectionId}/items", item, ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("datetime", await response.Content.ReadAsStringAsync());
    }

    private static JsonNode? Next(JsonObject page) => page["links"]!.AsArray().FirstOrDefault(l => l!["rel"]!.GetValue<string>() == "next");

    private static IEnumerable<string> Ids(JsonObject page) => page["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>());
}
