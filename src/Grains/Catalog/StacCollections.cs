using System.Text.Json.Nodes;
using Actors.Abstractions;

namespace Actors.Grains.Catalog;

/// <summary>The collections a silo serves: staged scenes, and one per product (named after it).</summary>
public static class StacCollections
{
    /// <summary>Staged (cropped, COG) scenes.</summary>
    public const string Scenes = "scenes";

    /// <summary>The API path of an item.</summary>
    public static string ItemPath(string collection, string itemId) =>
        $"/stac/collections/{Uri.EscapeDataString(collection)}/items/{Uri.EscapeDataString(itemId)}";

    /// <summary>Collection documents, by id.</summary>
    public static IEnumerable<JsonObject> All() =>
    [
        Collection(Scenes, "Staged scenes", "Acquisitions cropped to their area of interest and stored as Cloud-Optimized GeoTIFFs."),
        Collection(ProductNames.WaterBodies, "Water bodies", "Water masks: NDWI = (green - nir) / (green + nir) thresholded with Otsu's method. 1 water, 0 land, 255 nodata."),
        Collection(ProductNames.Ndvi, "NDVI", "Normalized difference vegetation index (nir - red) / (nir + red), float32."),
    ];

    private static JsonObject Collection(string id, string title, string description) => new()
    {
        ["type"] = "Collection",
        ["stac_version"] = "1.1.0",
        ["id"] = id,
        ["title"] = title,
        ["description"] = description,
        ["license"] = "other",
        ["extent"] = new JsonObject
        {
            ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray(-180, -90, 180, 90)) },
            ["temporal"] = new JsonObject { ["interval"] = new JsonArray(new JsonArray(null, null)) },
        },
        ["links"] = new JsonArray(),
    };
}
