using System.Text.Json.Nodes;
using Actors.Abstractions.Api;
using Actors.Grains.Catalog;

namespace Actors.Silo.Endpoints;

/// <summary>STAC read endpoints: collections and their items, with navigation links for this server.</summary>
public static class StacEndpoints
{
    private const string GeoJson = "application/geo+json";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapStacEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stac/collections", async (HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
        {
            var root = Root(request);
            var collections = new JsonArray();
            foreach (var c in await catalog.GetCollectionsAsync(cancellationToken)) collections.Add(WithLinks(c, root));
            return Json(new JsonObject
            {
                ["collections"] = collections,
                ["links"] = new JsonArray(Link("self", $"{root}/stac/collections", "application/json"), Link("root", $"{root}/stac/collections", "application/json")),
            });
        });
        app.MapGet("/stac/collections/{id}", async (string id, HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
            await catalog.GetCollectionAsync(id, cancellationToken) is { } c
                ? Json(WithLinks(c, Root(request)))
                : NotFound($"No collection '{id}'."));
        app.MapGet("/stac/collections/{id}/items", async (string id, int? limit, int? offset, HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
        {
            if (await catalog.GetCollectionAsync(id, cancellationToken) is null) return NotFound($"No collection '{id}'.");
            var root = Root(request);
            var page = Math.Clamp(limit ?? 100, 1, 1000);
            var features = new JsonArray();
            foreach (var item in await catalog.GetItemsAsync(id, page, Math.Max(0, offset ?? 0), cancellationToken))
                features.Add(ItemWithLinks(item, root));
            return Json(new JsonObject
            {
                ["type"] = "FeatureCollection",
                ["features"] = features,
                ["numberReturned"] = features.Count,
                ["links"] = new JsonArray(Link("self", $"{root}/stac/collections/{id}/items", GeoJson), Link("collection", $"{root}/stac/collections/{id}", "application/json")),
            }, GeoJson);
        });
        app.MapGet("/stac/collections/{id}/items/{itemId}", async (string id, string itemId, HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
            await catalog.GetItemAsync(id, itemId, cancellationToken) is { } item
                ? Json(ItemWithLinks(item, Root(request)), GeoJson)
                : NotFound($"No item '{itemId}' in collection '{id}'."));
        return app;
    }

    private static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    private static JsonObject WithLinks(JsonObject collection, string root)
    {
        var id = collection["id"]!.GetValue<string>();
        collection["links"] = new JsonArray(
            Link("self", $"{root}/stac/collections/{id}", "application/json"),
            Link("root", $"{root}/stac/collections", "application/json"),
            Link("items", $"{root}/stac/collections/{id}/items", GeoJson));
        return collection;
    }

    private static JsonObject ItemWithLinks(JsonObject item, string root)
    {
        var id = item["id"]!.GetValue<string>();
        var collection = item["collection"]!.GetValue<string>();
        var links = new JsonArray(
            Link("self", root + StacCollections.ItemPath(collection, id), GeoJson),
            Link("root", $"{root}/stac/collections", "application/json"),
            Link("parent", $"{root}/stac/collections/{collection}", "application/json"),
            Link("collection", $"{root}/stac/collections/{collection}", "application/json"));
        // Stored links to other items of this server are root-relative: make them absolute for this request.
        foreach (var link in item["links"]?.AsArray() ?? [])
        {
            var copy = link!.DeepClone().AsObject();
            if (copy["href"]?.GetValue<string>() is { } href && href.StartsWith('/') && href.StartsWith("/stac/", StringComparison.Ordinal))
                copy["href"] = root + href;
            links.Add(copy);
        }
        item["links"] = links;
        return item;
    }

    private static JsonObject Link(string rel, string href, string type) => new() { ["rel"] = rel, ["href"] = href, ["type"] = type };

    private static IResult Json(JsonObject document, string contentType = "application/json") =>
        Results.Text(document.ToJsonString(), contentType);

    private static IResult NotFound(string message) => Results.NotFound(new ApiError(message));
}
