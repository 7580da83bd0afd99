using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Geometry;

namespace Actors.Processing.Stac;

/// <summary>
/// An item's footprint in WGS84 as far as the item says before any raster is opened: its <c>bbox</c> (whose west may
/// exceed east when it crosses the antimeridian), else the envelope of its <c>geometry</c>. Used at acceptance to
/// refuse an AOI that misses the scene instead of staging for nothing.
/// </summary>
/// <param name="West">West edge in degrees; greater than <paramref name="East"/> across the antimeridian.</param>
/// <param name="South">South edge.</param>
/// <param name="East">East edge.</param>
/// <param name="North">North edge.</param>
public sealed record ItemExtent(double West, double South, double East, double North)
{
    /// <summary>The extent of <paramref name="item"/>, or null when it has neither a usable bbox nor a geometry.</summary>
    public static ItemExtent? Of(JsonObject item) => FromBbox(item["bbox"]) ?? FromGeometry(item["geometry"]);

    /// <summary>True when <paramref name="aoi"/> overlaps the extent, on either side of the antimeridian.</summary>
    public bool Intersects(Bbox aoi)
    {
        if (aoi.South > North || aoi.North < South) return false;
        return West <= East
            ? aoi.West <= East && aoi.East >= West
            // Across the antimeridian: [West, 180] and [-180, East].
            : aoi.East >= West || aoi.West <= East;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{West},{South},{East},{North}");

    private static ItemExtent? FromBbox(JsonNode? node)
    {
        if (node is not JsonArray { Count: 4 or 6 } array || !array.All(IsNumber)) return null;
        var v = array.Select(n => n!.GetValue<double>()).ToArray();
        // 3D boxes are [w, s, zmin, e, n, zmax].
        var (w, s, e, n) = v.Length == 6 ? (v[0], v[1], v[3], v[4]) : (v[0], v[1], v[2], v[3]);
        return s <= n && double.IsFinite(w + s + e + n) ? new ItemExtent(w, s, e, n) : null;
    }

    private static ItemExtent? FromGeometry(JsonNode? geometry)
    {
        var (w, s, e, n) = (double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);
        foreach (var (x, y) in Positions(geometry is JsonObject g ? g["coordinates"] ?? g["geometries"] : null))
            (w, s, e, n) = (Math.Min(w, x), Math.Min(s, y), Math.Max(e, x), Math.Max(n, y));
        return double.IsFinite(w) ? new ItemExtent(w, s, e, n) : null;
    }

    // Every [x, y, …] position in nested coordinate arrays (and in a GeometryCollection's members).
    private static IEnumerable<(double X, double Y)> Positions(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray { Count: >= 2 } position when IsNumber(position[0]) && IsNumber(position[1]):
                yield return (position[0]!.GetValue<double>(), position[1]!.GetValue<double>());
                break;
            case JsonArray array:
                foreach (var child in array)
                foreach (var p in Positions(child is JsonObject member ? member["coordinates"] ?? member["geometries"] : child))
                    yield return p;
                break;
        }
    }

    private static bool IsNumber(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number;
}
