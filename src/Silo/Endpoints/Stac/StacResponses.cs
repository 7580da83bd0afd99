using System.Text.Json.Nodes;

namespace Actors.Silo.Endpoints.Stac;

/// <summary>How the STAC API answers: JSON documents with their media types, and errors in its exception form.</summary>
public static class StacResponses
{
    /// <summary>The GeoJSON media type of items and item collections.</summary>
    public const string GeoJson = "application/geo+json";

    /// <summary>A JSON document.</summary>
    public static IResult Json(JsonNode document, string contentType = "application/json", int status = StatusCodes.Status200OK) =>
        Results.Text(document.ToJsonString(), contentType, statusCode: status);

    /// <summary>An error as STAC API's <c>exception</c> schema has it: a code and a description.</summary>
    public static IResult Error(int status, string code, string description) =>
        Json(new JsonObject { ["code"] = code, ["description"] = description }, "application/json", status);

    /// <summary>400: the request is wrong, and the description says how.</summary>
    public static IResult BadRequest(string description) => Error(StatusCodes.Status400BadRequest, "BadRequest", description);

    /// <summary>404.</summary>
    public static IResult NotFound(string description) => Error(StatusCodes.Status404NotFound, "NotFound", description);

    /// <summary>A link object.</summary>
    public static JsonObject Link(string rel, string href, string type, string? title = null)
    {
        var link = new JsonObject { ["rel"] = rel, ["href"] = href, ["type"] = type };
        if (title is not null) link["title"] = title;
        return link;
    }
}
