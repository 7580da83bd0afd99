using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Grains.Tests.Catalog;

/// <summary>STAC items and collections for catalog tests: square footprints, given times and properties.</summary>
public static class TestItems
{
    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static JsonObject Collection(string id) => new()
    {
        ["type"] = "Collection",
        ["stac_version"] = "1.1.0",
        ["id"] = id,
        ["description"] = $"Test collection {id}",
        ["license"] = "other",
        ["extent"] = new JsonObject
        {
            ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray(-180, -90, 180, 90)) },
            ["temporal"] = new JsonObject { ["interval"] = new JsonArray(new JsonArray(null, null)) },
        },
        ["links"] = new JsonArray(),
    };

    /// <summary>An item whose footprint is the box [lon, lat, lon + size, lat + size].</summary>
    public static JsonObject Item(string id, string collection, double lon, double lat, DateTimeOffset datetime, JsonObject? properties = null, double size = 0.5) =>
        Item(id, collection, Box(lon, lat, lon + size, lat + size), [lon, lat, lon + size, lat + size], datetime, properties);

    public static JsonObject Item(string id, string collection, JsonObject geometry, double[] bbox, DateTimeOffset? datetime, JsonObject? properties = null)
    {
        var props = properties?.DeepClone().AsObject() ?? new JsonObject();
        if (datetime is { } dt) props["datetime"] = Format(dt);
        else props["datetime"] ??= null;
        return new JsonObject
        {
            ["type"] = "Feature",
            ["stac_version"] = "1.1.0",
            ["id"] = id,
            ["collection"] = collection,
            ["bbox"] = new JsonArray(bbox.Select(v => (JsonNode?)v).ToArray()),
            ["geometry"] = geometry,
            ["properties"] = props,
            ["links"] = new JsonArray(),
            ["assets"] = new JsonObject(),
        };
    }

    public static JsonObject Box(double w, double s, double e, double n) => Polygon([[w, s], [e, s], [e, n], [w, n], [w, s]]);

    public static JsonObject Polygon(double[][] ring) => new()
    {
        ["type"] = "Polygon",
        ["coordinates"] = new JsonArray(new JsonArray(ring.Select(p => (JsonNode?)new JsonArray(p[0], p[1])).ToArray())),
    };

    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
