using System.Globalization;
using System.Text;

namespace Actors.Catalog.Geometry;

/// <summary>
/// A planar geometry in lon/lat degrees: <see cref="PointShape"/>, <see cref="LineStringShape"/>, <see cref="PolygonShape"/>
/// or a <see cref="ShapeCollection"/> (multi-geometries and geometry collections). Two shapes are equal when their WKT is.
/// </summary>
public abstract class Shape : IEquatable<Shape>
{
    private protected Shape() { }

    /// <summary>The bounding box of every vertex.</summary>
    public abstract Envelope Envelope { get; }

    /// <summary>Exact planar intersection: shared points on boundaries count, as does one shape lying inside the other.</summary>
    public bool Intersects(Shape other) => ShapeIntersection.Intersects(this, other);

    /// <summary>
    /// The shape of a STAC/CQL2 bbox. When <paramref name="west"/> &gt; <paramref name="east"/> the box crosses the
    /// antimeridian and becomes a MultiPolygon of [west, 180] and [-180, east].
    /// </summary>
    /// <exception cref="GeometryException">A bound is not finite, out of WGS84 range, or south &gt; north.</exception>
    public static Shape FromBbox(double west, double south, double east, double north)
    {
        var envelopes = BboxEnvelopes(west, south, east, north);
        if (envelopes.Count == 1) return Box(envelopes[0]);
        return new ShapeCollection(ShapeCollection.MultiPolygon, [Box(envelopes[0]), Box(envelopes[1])]);
    }

    /// <summary>The one or two (antimeridian) envelopes a bbox covers; for SQL index predicates.</summary>
    /// <exception cref="GeometryException">A bound is not finite, out of WGS84 range, or south &gt; north.</exception>
    public static IReadOnlyList<Envelope> BboxEnvelopes(double west, double south, double east, double north)
    {
        CheckLongitude(west, "west"); CheckLongitude(east, "east");
        CheckLatitude(south, "south"); CheckLatitude(north, "north");
        if (south > north)
            throw new GeometryException($"bbox south ({Format(south)}) is greater than north ({Format(north)})");
        if (west <= east) return [new Envelope(west, south, east, north)];
        return [new Envelope(west, south, 180, north), new Envelope(-180, south, east, north)];
    }

    private static PolygonShape Box(Envelope e) =>
        new([[new(e.MinX, e.MinY), new(e.MaxX, e.MinY), new(e.MaxX, e.MaxY), new(e.MinX, e.MaxY), new(e.MinX, e.MinY)]]);

    private static void CheckLongitude(double value, string what)
    {
        if (!(value >= -180 && value <= 180))
            throw new GeometryException($"bbox {what} ({Format(value)}) is not a longitude in [-180, 180]");
    }

    private static void CheckLatitude(double value, string what)
    {
        if (!(value >= -90 && value <= 90))
            throw new GeometryException($"bbox {what} ({Format(value)}) is not a latitude in [-90, 90]");
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes the shape as WKT; with <paramref name="tagged"/> false only the parenthesised coordinates.</summary>
    internal abstract void WriteWkt(StringBuilder text, bool tagged);

    internal static void WritePositions(StringBuilder text, IReadOnlyList<Position> positions)
    {
        text.Append('(');
        for (var i = 0; i < positions.Count; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(Format(positions[i].X)).Append(' ').Append(Format(positions[i].Y));
        }
        text.Append(')');
    }

    /// <summary>The shape as WKT, e.g. <c>POLYGON ((0 0, 1 0, 1 1, 0 0))</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        WriteWkt(text, tagged: true);
        return text.ToString();
    }

    /// <inheritdoc />
    public bool Equals(Shape? other) => other is not null && (ReferenceEquals(this, other) || ToString() == other.ToString());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
