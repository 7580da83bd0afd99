using System.Text.Json.Nodes;
using Actors.Grains.Catalog;
using static Actors.Silo.Endpoints.Stac.StacResponses;

namespace Actors.Silo.Endpoints.Stac;

/// <summary>Stored collections and items as the API serves them: with absolute navigation links for this request.</summary>
public static class StacDocuments
{
    /// <summary>A collection with its self, root, parent, items and queryables links.</summary>
    public static JsonObject Collection(JsonObject collection, string root)
    {
        var id = Uri.EscapeDataString(collection["id"]!.GetValue<string>());
        var links = new JsonArray(
            Link("self", $"{root}/collections/{id}", "application/json"),
            Link("root", root, "application/json"),
            Link("parent", root, "application/json"),
            Link("items", $"{root}/collections/{id}/items", GeoJson),
            Link("http://www.opengis.net/def/rel/ogc/1.0/queryables", $"{root}/collections/{id}/queryables", "application/schema+json"));
        foreach (var link in collection["links"]?.AsArray() ?? [])
        {
            if (link?["rel"]?.GetValue<string>() is "self" or "root" or "parent" or "items") continue;
            links.Add(link!.DeepClone());
        }
        collection["links"] = links;
        return collection;
    }

    /// <summary>An item with its self, root, parent and collection links; stored root-relative hrefs made absolute.</summary>
    public static JsonObject Item(JsonObject item, string root)
    {
        var id = item["id"]!.GetValue<string>();
        var collection = item["collection"]!.GetValue<string>();
        var server = StacUrls.Server(root);
        var collectionHref = $"{root}/collections/{Uri.EscapeDataString(collection)}";
        var links = new JsonArray(
            Link("self", server + StacCollections.ItemPath(collection, id), GeoJson),
            Link("root", root, "application/json"),
            Link("parent", collectionHref, "application/json"),
            Link("collection", collectionHref, "application/json"));
        foreach (var link in item["links"]?.AsArray() ?? [])
        {
            if (link?["rel"]?.GetValue<string>() is "self" or "root" or "parent" or "collection") continue;
            var copy = link!.DeepClone().AsObject();
            if (copy["href"]?.GetValue<string>() is { } href && href.StartsWith("/stac/", StringComparison.Ordinal))
                copy["href"] = server + href;
            links.Add(copy);
        }
        item["links"] = links;
        return item;
    }
}
