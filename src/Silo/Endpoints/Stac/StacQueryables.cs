using System.Text.Json.Nodes;

namespace Actors.Silo.Endpoints.Stac;

/// <summary>
/// The Filter extension's queryables: the properties a CQL2 filter can name. Any other item property can
/// be filtered too (<c>additionalProperties</c>), compared as the JSON value it holds.
/// </summary>
public static class StacQueryables
{
    /// <summary>The queryables schema, for the whole catalog or one collection.</summary>
    public static JsonObject Document(string href) => new()
    {
        ["$schema"] = "https://json-schema.org/draft/2019-09/schema",
        ["$id"] = href,
        ["type"] = "object",
        ["title"] = "Queryables",
        ["properties"] = new JsonObject
        {
            ["id"] = Property("Item id", "string"),
            ["collection"] = Property("Collection id", "string"),
            ["geometry"] = new JsonObject { ["description"] = "Footprint", ["$ref"] = "https://geojson.org/schema/Geometry.json" },
            ["datetime"] = Property("Acquisition time (or the start/end range)", "string", "date-time"),
            ["start_datetime"] = Property("Start of the acquisition range", "string", "date-time"),
            ["end_datetime"] = Property("End of the acquisition range", "string", "date-time"),
            ["eo:cloud_cover"] = new JsonObject { ["description"] = "Cloud cover, percent", ["type"] = "number", ["minimum"] = 0, ["maximum"] = 100 },
            ["platform"] = Property("Platform (satellite)", "string"),
            ["processing:datetime"] = Property("When the item was produced", "string", "date-time"),
        },
        ["additionalProperties"] = true,
    };

    private static JsonObject Property(string description, string type, string? format = null)
    {
        var property = new JsonObject { ["description"] = description, ["type"] = type };
        if (format is not null) property["format"] = format;
        return property;
    }
}
