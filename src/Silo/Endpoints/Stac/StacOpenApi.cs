using System.Text.Json.Nodes;

namespace Actors.Silo.Endpoints.Stac;

/// <summary>
/// The OpenAPI 3.0 definition the landing page's <c>service-desc</c> link points at: the paths this API
/// serves, with their parameters, and the response schemas by reference to the STAC API 1.0.0 definitions.
/// </summary>
public static class StacOpenApi
{
    /// <summary>The media type of the definition.</summary>
    public const string MediaType = "application/vnd.oai.openapi+json;version=3.0";

    private const string Spec = "https://api.stacspec.org/v1.0.0";

    /// <summary>The definition for a server rooted at <paramref name="root"/>.</summary>
    public static JsonObject Document(string root, bool transactions)
    {
        var paths = new JsonObject
        {
            ["/"] = Get("getLandingPage", "Landing page", $"{Spec}/core/openapi.yaml#/components/schemas/landingPage"),
            ["/conformance"] = Get("getConformanceDeclaration", "Conformance classes", $"{Spec}/core/commons.yaml#/components/schemas/conformanceClasses"),
            ["/queryables"] = Get("getQueryables", "Properties a filter can name", null, "application/schema+json"),
            ["/collections"] = Get("getCollections", "Collections", $"{Spec}/ogcapi-features/openapi.yaml#/components/schemas/collections"),
            ["/collections/{collectionId}"] = Get("describeCollection", "A collection", $"{Spec}/core/commons.yaml#/components/schemas/collection", parameters: [PathParameter("collectionId")]),
            ["/collections/{collectionId}/queryables"] = Get("getCollectionQueryables", "Properties a filter can name", null, "application/schema+json", [PathParameter("collectionId")]),
            ["/collections/{collectionId}/items"] = Get("getFeatures", "Items of a collection, a page at a time",
                $"{Spec}/ogcapi-features/openapi.yaml#/components/schemas/featureCollectionGeoJSON", "application/geo+json",
                [PathParameter("collectionId"), .. SearchParameters(withCollections: false)]),
            ["/collections/{collectionId}/items/{featureId}"] = Get("getFeature", "An item", $"{Spec}/core/commons.yaml#/components/schemas/item", "application/geo+json",
                [PathParameter("collectionId"), PathParameter("featureId")]),
            ["/search"] = SearchPath(),
        };
        if (transactions)
        {
            paths["/collections"]!["post"] = Write("postCollection", "Create a collection");
            paths["/collections/{collectionId}"]!["put"] = Write("putCollection", "Replace a collection");
            paths["/collections/{collectionId}/items"]!["post"] = Write("postFeature", "Create an item, or the items of a FeatureCollection");
            paths["/collections/{collectionId}/items/{featureId}"]!["put"] = Write("putFeature", "Replace an item");
            paths["/collections/{collectionId}/items/{featureId}"]!["delete"] = Write("deleteFeature", "Delete an item");
        }
        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "EO actors STAC API",
                ["version"] = "1.0.0",
                ["description"] = "STAC API 1.0.0 with Item Search, Filter (CQL2 text and JSON), Sort, Fields" + (transactions ? " and Transactions." : "."),
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = root }),
            ["paths"] = paths,
        };
        if (transactions)
        {
            document["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject { ["apiKey"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" } },
            };
        }
        return document;
    }

    private static JsonObject SearchPath()
    {
        var path = Get("getItemSearch", "Search items", $"{Spec}/fragments/itemcollection/openapi.yaml#/components/schemas/itemCollection", "application/geo+json",
            SearchParameters(withCollections: true));
        path["post"] = new JsonObject
        {
            ["operationId"] = "postItemSearch",
            ["summary"] = "Search items (JSON body)",
            ["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
            },
            ["responses"] = Responses($"{Spec}/fragments/itemcollection/openapi.yaml#/components/schemas/itemCollection", "application/geo+json"),
        };
        return path;
    }

    private static JsonObject Get(string operationId, string summary, string? schema, string mediaType = "application/json", JsonObject[]? parameters = null)
    {
        var operation = new JsonObject { ["operationId"] = operationId, ["summary"] = summary, ["responses"] = Responses(schema, mediaType) };
        if (parameters is { Length: > 0 }) operation["parameters"] = new JsonArray(parameters.Select(p => (JsonNode?)p).ToArray());
        return new JsonObject { ["get"] = operation };
    }

    private static JsonObject Write(string operationId, string summary) => new()
    {
        ["operationId"] = operationId,
        ["summary"] = summary,
        ["security"] = new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() }),
        ["responses"] = new JsonObject
        {
            ["200"] = new JsonObject { ["description"] = "Replaced" },
            ["201"] = new JsonObject { ["description"] = "Created" },
            ["204"] = new JsonObject { ["description"] = "Deleted" },
            ["400"] = new JsonObject { ["description"] = "Invalid document" },
            ["401"] = new JsonObject { ["description"] = "Missing or wrong API key" },
            ["404"] = new JsonObject { ["description"] = "No such collection or item" },
            ["409"] = new JsonObject { ["description"] = "Already exists" },
        },
    };

    private static JsonObject Responses(string? schema, string mediaType)
    {
        var content = new JsonObject { ["schema"] = schema is null ? new JsonObject { ["type"] = "object" } : new JsonObject { ["$ref"] = schema } };
        return new JsonObject
        {
            ["200"] = new JsonObject { ["description"] = "OK", ["content"] = new JsonObject { [mediaType] = content } },
            ["400"] = new JsonObject { ["description"] = "Invalid request: the description names the parameter" },
            ["404"] = new JsonObject { ["description"] = "Not found" },
        };
    }

    private static JsonObject[] SearchParameters(bool withCollections)
    {
        var parameters = new List<JsonObject>
        {
            Query("bbox", "west,south,east,north (or 6 numbers with heights); west > east crosses the antimeridian"),
            Query("datetime", "An RFC 3339 instant, or start/end with '..' for an open end"),
            Query("limit", "Items per page (default 10, larger values are served at the maximum)", "integer"),
            Query("token", "Paging token from a next or prev link"),
            Query("filter", "CQL2 filter"),
            Query("filter-lang", "cql2-text (default) or cql2-json"),
            Query("sortby", "Comma-separated fields, each +asc or -desc"),
            Query("fields", "Comma-separated paths to include, -path to exclude"),
        };
        if (withCollections)
        {
            parameters.Add(Query("collections", "Comma-separated collection ids"));
            parameters.Add(Query("ids", "Comma-separated item ids"));
            parameters.Add(Query("intersects", "A GeoJSON geometry"));
        }
        return [.. parameters];
    }

    private static JsonObject PathParameter(string name) => new()
    {
        ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" },
    };

    private static JsonObject Query(string name, string description, string type = "string") => new()
    {
        ["name"] = name, ["in"] = "query", ["required"] = false, ["description"] = description, ["schema"] = new JsonObject { ["type"] = type },
    };
}
