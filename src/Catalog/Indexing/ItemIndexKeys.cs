using System.Text.Json.Nodes;
using Actors.Catalog.Filter;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Indexing;

/// <summary>
/// The columns a store indexes an item by: its time range (Unix ms, the same reading CQL2 uses) and the
/// envelope of its footprint. Search uses them to narrow candidates; the exact checks run on the item.
/// </summary>
/// <param name="Time">The item's datetime, or start/end range.</param>
/// <param name="Envelope">Where the item lies, or null when its geometry is null.</param>
public sealed record ItemIndexKeys(ItemTime Time, Envelope? Envelope)
{
    /// <summary>The keys of an item.</summary>
    /// <exception cref="CatalogRequestException">The item has no valid datetime (or start/end range) or a malformed footprint.</exception>
    public static ItemIndexKeys Of(JsonObject item)
    {
        var time = ItemTime.Of(item) ?? throw new CatalogRequestException(
            $"item '{item["id"]}' needs properties.datetime, or start_datetime and end_datetime, as RFC 3339 date-times.");
        return new ItemIndexKeys(time, Footprint(item));
    }

    private static Envelope? Footprint(JsonObject item)
    {
        if (item["bbox"] is JsonArray bbox && bbox.Count is 4 or 6)
        {
            var v = bbox.Select(n => n is JsonValue value && value.TryGetValue<double>(out var d) ? d : double.NaN).ToArray();
            var (w, s, e, n) = bbox.Count == 4 ? (v[0], v[1], v[2], v[3]) : (v[0], v[1], v[3], v[4]);
            if (new[] { w, s, e, n }.Any(d => !double.IsFinite(d)))
                throw new CatalogRequestException($"item '{item["id"]}' has a bbox that is not all numbers.");
            // A box across the antimeridian indexes as the whole band of latitudes: a superset, which the exact geometry check trims.
            return w <= e ? new Envelope(w, s, e, n) : new Envelope(-180, s, 180, n);
        }
        if (item["geometry"] is null) return null;
        try
        {
            return GeoJsonShape.Parse(item["geometry"], "geometry").Envelope;
        }
        catch (GeometryException e)
        {
            throw new CatalogRequestException($"item '{item["id"]}': {e.Message}", e);
        }
    }
}
