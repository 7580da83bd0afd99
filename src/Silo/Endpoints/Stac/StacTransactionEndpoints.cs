using System.Text.Json.Nodes;
using Actors.Catalog;
using Actors.Grains.Catalog;
using Actors.Silo.Security;
using static Actors.Silo.Endpoints.Stac.StacResponses;

namespace Actors.Silo.Endpoints.Stac;

/// <summary>
/// The Transactions extension: create, replace and delete items, create and replace collections. Mapped
/// only when enabled; every request needs the publisher role and each change is audited.
/// </summary>
public static class StacTransactionEndpoints
{
    /// <summary>Maps the write endpoints on the STAC group.</summary>
    public static RouteGroupBuilder MapStacTransactionEndpoints(this RouteGroupBuilder stac)
    {
        var writes = stac.MapGroup("").RequireAuthorization(SiloPolicies.Publish).AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            // Only what was written: a refused or failed write changed nothing.
            if (result is CreatedResult or IStatusCodeHttpResult { StatusCode: < 300 })
            {
                var request = context.HttpContext.Request;
                context.HttpContext.RequestServices.GetRequiredService<AuditLog>()
                    .Changed(context.HttpContext, $"stac.{request.Method.ToLowerInvariant()}", request.Path.Value ?? "");
            }
            return result;
        });

        writes.MapPost("/collections", async (HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
        {
            var collection = Collection(await StacEndpoints.ReadObjectAsync(request, "collection", cancellationToken), null);
            var id = collection["id"]!.GetValue<string>();
            if (await catalog.GetCollectionAsync(id, cancellationToken) is not null)
                return Error(StatusCodes.Status409Conflict, "Conflict", $"Collection '{id}' exists: PUT /collections/{id} replaces it.");
            await catalog.UpsertCollectionAsync(collection, cancellationToken);
            return Created(StacDocuments.Collection(collection, StacUrls.Root(request)), "application/json");
        });
        writes.MapPut("/collections/{id}", async (string id, HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
        {
            if (await catalog.GetCollectionAsync(id, cancellationToken) is null) return NotFound($"No collection '{id}'.");
            var collection = Collection(await StacEndpoints.ReadObjectAsync(request, "collection", cancellationToken), id);
            await catalog.UpsertCollectionAsync(collection, cancellationToken);
            return Json(StacDocuments.Collection((await catalog.GetCollectionAsync(id, cancellationToken))!, StacUrls.Root(request)));
        });

        writes.MapPost("/collections/{id}/items", async (string id, HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
        {
            if (await catalog.GetCollectionAsync(id, cancellationToken) is null) return NotFound($"No collection '{id}'.");
            var body = await StacEndpoints.ReadObjectAsync(request, "item", cancellationToken);
            if (body["type"]?.GetValue<string>() == "FeatureCollection")
            {
                var items = (body["features"] as JsonArray ?? throw new CatalogRequestException("A FeatureCollection needs a 'features' array."))
                    .Select(f => Item(f as JsonObject ?? throw new CatalogRequestException("Each feature must be an object."), id, null)).ToList();
                await catalog.UpsertItemsAsync(items, cancellationToken);
                return Json(new JsonObject { ["created"] = items.Count }, "application/json", StatusCodes.Status201Created);
            }
            var single = Item(body, id, null);
            var itemId = single["id"]!.GetValue<string>();
            if (await catalog.GetItemAsync(id, itemId, cancellationToken) is not null)
                return Error(StatusCodes.Status409Conflict, "Conflict", $"Item '{itemId}' exists in '{id}': PUT replaces it.");
            await catalog.UpsertItemAsync(single, cancellationToken);
            return Created(StacDocuments.Item(single, StacUrls.Root(request)), GeoJson);
        });
        writes.MapPut("/collections/{id}/items/{itemId}", async (string id, string itemId, HttpRequest request, IStacCatalog catalog, CancellationToken cancellationToken) =>
        {
            if (await catalog.GetItemAsync(id, itemId, cancellationToken) is null) return NotFound($"No item '{itemId}' in collection '{id}'.");
            var item = Item(await StacEndpoints.ReadObjectAsync(request, "item", cancellationToken), id, itemId);
            await catalog.UpsertItemAsync(item, cancellationToken);
            return Json(StacDocuments.Item(item, StacUrls.Root(request)), GeoJson);
        });
        writes.MapDelete("/collections/{id}/items/{itemId}", async (string id, string itemId, IStacCatalog catalog, CancellationToken cancellationToken) =>
            await catalog.DeleteItemAsync(id, itemId, cancellationToken)
                ? Results.NoContent()
                : NotFound($"No item '{itemId}' in collection '{id}'."));
        return stac;
    }

    private static IResult Created(JsonObject document, string contentType)
    {
        var self = document["links"]?.AsArray().FirstOrDefault(l => l?["rel"]?.GetValue<string>() == "self")?["href"]?.GetValue<string>();
        return new CreatedResult(document.ToJsonString(), contentType, self);
    }


    private static JsonObject Collection(JsonObject collection, string? pathId)
    {
        var id = Identifier(collection, "collection");
        if (pathId is not null && id != pathId)
            throw new CatalogRequestException($"The collection's id '{id}' differs from the path's '{pathId}'.");
        if (collection["type"]?.GetValue<string>() != "Collection")
            throw new CatalogRequestException("A collection needs \"type\": \"Collection\".");
        if (collection["description"] is null || collection["extent"] is not JsonObject || collection["license"] is null)
            throw new CatalogRequestException("A collection needs 'description', 'license' and 'extent'.");
        collection["stac_version"] ??= "1.1.0";
        collection["links"] ??= new JsonArray();
        return collection;
    }

    private static JsonObject Item(JsonObject item, string collectionId, string? pathId)
    {
        var id = Identifier(item, "item");
        if (pathId is not null && id != pathId)
            throw new CatalogRequestException($"The item's id '{id}' differs from the path's '{pathId}'.");
        if (item["type"]?.GetValue<string>() != "Feature")
            throw new CatalogRequestException($"Item '{id}' needs \"type\": \"Feature\".");
        if (item["collection"] is { } given && given.GetValue<string>() != collectionId)
            throw new CatalogRequestException($"Item '{id}' names collection '{given}' but is sent to '{collectionId}'.");
        if (item["properties"] is not JsonObject)
            throw new CatalogRequestException($"Item '{id}' needs a 'properties' object.");
        item["collection"] = collectionId;
        item["stac_version"] ??= "1.1.0";
        item["links"] ??= new JsonArray();
        item["assets"] ??= new JsonObject();
        return item;
    }

    private static string Identifier(JsonObject document, string what)
    {
        var id = document["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrWhiteSpace(id) || id.Contains('/'))
            throw new CatalogRequestException($"A {what} needs a non-empty string 'id' without '/'.");
        return id;
    }
}

/// <summary>201 Created with a JSON body of the given media type and a Location header.</summary>
internal sealed class CreatedResult(string body, string contentType, string? location) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status201Created;
        if (location is not null) httpContext.Response.Headers.Location = location;
        httpContext.Response.ContentType = contentType;
        return httpContext.Response.WriteAsync(body);
    }
}
