using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Catalog;
using Actors.Catalog.Search;
using Actors.Grains.Catalog;
using Microsoft.Extensions.Options;
using static Actors.Silo.Endpoints.Stac.StacResponses;

namespace Actors.Silo.Endpoints.Stac;

/// <summary>
/// STAC API 1.0.0 read endpoints under <c>/stac</c>: landing page, conformance, queryables, collections
/// and their items (OGC API Features), and item search (GET and POST) with the Filter, Sort and Fields extensions.
/// </summary>
public static class StacEndpoints
{
    /// <summary>Maps the endpoints (and the Transactions ones when enabled).</summary>
    public static IEndpointRouteBuilder MapStacEndpoints(this IEndpointRouteBuilder app)
    {
        var stac = app.MapGroup("/stac").AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (CatalogRequestException e)
            {
                return BadRequest(e.Message);
            }
        });

        stac.MapGet("", async (HttpRequest request, IStacCatalog catalog, IOptions<StacApiOptions> options, CancellationToken cancellationToken) =>
            Json(await LandingAsync(StacUrls.Root(request), catalog, options.Value, cancellationToken)));
        stac.MapGet("/conformance", (IOptions<StacApiOptions> options) =>
            Json(new JsonObject { ["conformsTo"] = Strings(StacConformance.Classes(options.Value.Transactions.Enabled)) }));
        stac.MapGet("/api", (HttpRequest request, IOptions<StacApiOptions> options) =>
            Json(StacOpenApi.Document(StacUrls.Root(request), options.Value.Transactions.Enabled), StacOpenApi.MediaType));
        stac.MapGet("/queryables", (HttpRequest request) =>
            Json(StacQueryables.Document(StacUrls.Root(request) + "/queryables"), "application/schema+json"));

        stac.MapGet("/collections", async (HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
        {
            var root = StacUrls.Root(request);
            var collections = new JsonArray();
            foreach (var c in await catalog.GetCollectionsAsync(cancellationToken)) collections.Add(StacDocuments.Collection(c, root));
            return Json(new JsonObject
            {
                ["collections"] = collections,
                ["links"] = new JsonArray(Link("self", $"{root}/collections", "application/json"), Link("root", root, "application/json")),
            });
        });
        stac.MapGet("/collections/{id}", async (string id, HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
            await catalog.GetCollectionAsync(id, cancellationToken) is { } c
                ? Json(StacDocuments.Collection(c, StacUrls.Root(request)))
                : NotFound($"No collection '{id}'."));
        stac.MapGet("/collections/{id}/queryables", async (string id, HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
            await catalog.GetCollectionAsync(id, cancellationToken) is null
                ? NotFound($"No collection '{id}'.")
                : Json(StacQueryables.Document($"{StacUrls.Root(request)}/collections/{Uri.EscapeDataString(id)}/queryables"), "application/schema+json"));
        stac.MapGet("/collections/{id}/items", async (string id, HttpRequest request, IStacCatalog catalog, IOptions<StacApiOptions> options, CancellationToken cancellationToken) =>
        {
            if (await catalog.GetCollectionAsync(id, cancellationToken) is null) return NotFound($"No collection '{id}'.");
            var root = StacUrls.Root(request);
            var query = Query(request);
            var search = ItemSearchParser.FromQuery(query, Limits(options.Value), collection: id);
            var page = await catalog.SearchAsync(search, cancellationToken);
            var collectionHref = $"{root}/collections/{Uri.EscapeDataString(id)}";
            return Json(StacItemCollections.ForGet(page, search, root, collectionHref + "/items", query, Link("collection", collectionHref, "application/json")), GeoJson);
        });
        stac.MapGet("/collections/{id}/items/{itemId}", async (string id, string itemId, HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
            await catalog.GetItemAsync(id, itemId, cancellationToken) is { } item
                ? Json(StacDocuments.Item(item, StacUrls.Root(request)), GeoJson)
                : NotFound($"No item '{itemId}' in collection '{id}'."));

        stac.MapGet("/search", async (HttpRequest request, IStacCatalog catalog, IOptions<StacApiOptions> options, CancellationToken cancellationToken) =>
        {
            var root = StacUrls.Root(request);
            var query = Query(request);
            var search = ItemSearchParser.FromQuery(query, Limits(options.Value));
            var page = await catalog.SearchAsync(search, cancellationToken);
            return Json(StacItemCollections.ForGet(page, search, root, root + "/search", query), GeoJson);
        });
        stac.MapPost("/search", async (HttpRequest request, IStacCatalog catalog, IOptions<StacApiOptions> options, CancellationToken cancellationToken) =>
        {
            var body = await ReadObjectAsync(request, "search body", cancellationToken);
            var root = StacUrls.Root(request);
            var search = ItemSearchParser.FromJson(body, Limits(options.Value));
            var page = await catalog.SearchAsync(search, cancellationToken);
            return Json(StacItemCollections.ForPost(page, search, root, root + "/search", body), GeoJson);
        });

        if (app.ServiceProvider.GetRequiredService<IOptions<StacApiOptions>>().Value.Transactions.Enabled)
            stac.MapStacTransactionEndpoints();
        return app;
    }

    /// <summary>Reads a JSON object body, or explains what is wrong with it.</summary>
    internal static async Task<JsonObject> ReadObjectAsync(HttpRequest request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject
                ?? throw new CatalogRequestException($"The {what} must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new CatalogRequestException($"The {what} is not valid JSON: {e.Message}", e);
        }
    }

    private static async Task<JsonObject> LandingAsync(string root, IStacCatalog catalog, StacApiOptions options, CancellationToken cancellationToken)
    {
        var search = Link("search", root + "/search", GeoJson, "Item search");
        search["method"] = "GET";
        var searchPost = Link("search", root + "/search", GeoJson, "Item search");
        searchPost["method"] = "POST";
        var links = new JsonArray(
            Link("self", root, "application/json"),
            Link("root", root, "application/json"),
            Link("conformance", root + "/conformance", "application/json", "Conformance classes"),
            Link("data", root + "/collections", "application/json", "Collections"),
            search,
            searchPost,
            Link("service-desc", root + "/api", StacOpenApi.MediaType, "OpenAPI definition"),
            Link("http://www.opengis.net/def/rel/ogc/1.0/queryables", root + "/queryables", "application/schema+json", "Queryables"));
        foreach (var collection in await catalog.GetCollectionsAsync(cancellationToken))
        {
            var id = collection["id"]!.GetValue<string>();
            links.Add(Link("child", $"{root}/collections/{Uri.EscapeDataString(id)}", "application/json", collection["title"]?.GetValue<string>() ?? id));
        }
        return new JsonObject
        {
            ["type"] = "Catalog",
            ["stac_version"] = "1.1.0",
            ["id"] = options.Id,
            ["title"] = options.Title,
            ["description"] = options.Description,
            ["conformsTo"] = Strings(StacConformance.Classes(options.Transactions.Enabled)),
            ["links"] = links,
        };
    }

    private static SearchLimits Limits(StacApiOptions options) => new(options.DefaultLimit, options.MaximumLimit);

    private static IReadOnlyDictionary<string, string> Query(HttpRequest request) =>
        request.Query.ToDictionary(p => p.Key, p => p.Value.FirstOrDefault() ?? "", StringComparer.Ordinal);

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
