using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Grains.Catalog;

/// <summary>
/// The extent of a collection's items as the stores keep it (footprint envelope, Unix ms times), written
/// into the collection document when it is served, so extents follow the items without rewriting documents.
/// </summary>
public sealed record CollectionExtent(double? MinX, double? MinY, double? MaxX, double? MaxY, long? Start, long? End)
{
    /// <summary>The collection with its <c>extent</c> set from the items; unchanged when it has none.</summary>
    public JsonObject ApplyTo(JsonObject collection)
    {
        if (Start is null) return collection;
        var extent = collection["extent"] as JsonObject ?? new JsonObject();
        if (MinX is { } w && MinY is { } s && MaxX is { } e && MaxY is { } n)
            extent["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray(w, s, e, n)) };
        extent["temporal"] = new JsonObject { ["interval"] = new JsonArray(new JsonArray(Format(Start.Value), Format(End ?? Start.Value))) };
        collection["extent"] = extent;
        return collection;
    }

    private static string Format(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
