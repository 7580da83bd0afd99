using System.Text.Json.Nodes;
using Actors.Catalog.Search;
using Microsoft.AspNetCore.WebUtilities;
using static Actors.Silo.Endpoints.Stac.StacResponses;

namespace Actors.Silo.Endpoints.Stac;

/// <summary>
/// A page of items as a GeoJSON FeatureCollection with <c>next</c>/<c>prev</c> links that repeat the
/// request with a token: a GET link for a GET request, a POST link with the body for a POST.
/// </summary>
public static class StacItemCollections
{
    /// <summary>The page answering a GET request whose query was <paramref name="query"/>.</summary>
    public static JsonObject ForGet(ItemPage page, ItemSearch search, string root, string selfHref, IReadOnlyDictionary<string, string> query, params JsonObject[] extraLinks)
    {
        string With(PageToken token)
        {
            var parameters = query.Where(p => p.Key != "token").ToDictionary(p => p.Key, p => (string?)p.Value);
            parameters["token"] = token.Encode();
            return QueryHelpers.AddQueryString(selfHref, parameters);
        }

        var links = new JsonArray(Link("self", query.Count == 0 ? selfHref : QueryHelpers.AddQueryString(selfHref, query.ToDictionary(p => p.Key, p => (string?)p.Value)), GeoJson), Link("root", root, "application/json"));
        foreach (var extra in extraLinks) links.Add(extra);
        if (page.Next is { } next) links.Add(Link("next", With(next), GeoJson));
        if (page.Previous is { } previous) links.Add(Link("prev", With(previous), GeoJson));
        return Collection(page, search, root, links);
    }

    /// <summary>The page answering a POST search with <paramref name="body"/>.</summary>
    public static JsonObject ForPost(ItemPage page, ItemSearch search, string root, string searchHref, JsonObject body)
    {
        JsonObject With(string rel, PageToken token)
        {
            var nextBody = body.DeepClone().AsObject();
            nextBody["token"] = token.Encode();
            var link = Link(rel, searchHref, GeoJson);
            link["method"] = "POST";
            link["body"] = nextBody;
            link["merge"] = false;
            return link;
        }

        var links = new JsonArray(Link("root", root, "application/json"));
        if (page.Next is { } next) links.Add(With("next", next));
        if (page.Previous is { } previous) links.Add(With("prev", previous));
        return Collection(page, search, root, links);
    }

    private static JsonObject Collection(ItemPage page, ItemSearch search, string root, JsonArray links)
    {
        var features = new JsonArray();
        foreach (var item in page.Items)
        {
            var served = StacDocuments.Item(item, root);
            features.Add(search.Fields is { IsEmpty: false } fields ? fields.Apply(served) : served);
        }
        return new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = features,
            ["numberReturned"] = features.Count,
            ["links"] = links,
        };
    }
}
