using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Catalog.Geometry;

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
    /// <summary>The extent of <paramref name="item"/>, or null when it has neither a usable bbox nor a usable geometry.</summary>
    public static ItemExtent? Of(JsonObject item) => FromBbox(item["bbox"]) ?? FromGeometry(item["geometry"]);

    /// <summary>True when the box <c>[west, south, east, north]</c> overlaps the extent, on either side of the antimeridian.</summary>
    /// <exception cref="GeometryException">The box is not a valid WGS84 bbox.</exception>
    public bool Intersects(double west, double south, double east, double north)
    {
        var other = Shape.BboxEnvelopes(west, south, east, north);
        return Shape.BboxEnvelopes(West, South, East, North).Any(mine => other.Any(mine.Intersects));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{West},{South},{East},{North}");

    private static ItemExtent? FromBbox(JsonNode? node)
    {
        if (node is not JsonArray { Count: 4 or 6 } array || !array.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.Number)) return null;
        var v = array.Select(n => n!.GetValue<double>()).ToArray();
        // 3D boxes are [w, s, zmin, e, n, zmax].
        var (w, s, e, n) = v.Length == 6 ? (v[0], v[1], v[3], v[4]) : (v[0], v[1], v[2], v[3]);
        try
        {
            Shape.BboxEnvelopes(w, s, e, n);
            return new ItemExtent(w, s, e, n);
        }
        catch (GeometryException)
        {
            return null;
        }
    }

    private static ItemExtent? FromGeometry(JsonNode? geometry)
    {
        if (geometry is null) return null;
        try
        {
            var envelope = GeoJsonShape.Parse(geometry, "geometry").Envelope;
            return new ItemExtent(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY);
        }
        catch (GeometryException)
        {
            return null;
        }
    }
}
