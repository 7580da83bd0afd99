using System.Text;

namespace Actors.Catalog.Geometry;

/// <summary>A MultiPoint, MultiLineString, MultiPolygon or GeometryCollection: it intersects what any part intersects.</summary>
public sealed class ShapeCollection : Shape
{
    /// <summary>Kind of a collection of points.</summary>
    public const string MultiPoint = "MultiPoint";
    /// <summary>Kind of a collection of line strings.</summary>
    public const string MultiLineString = "MultiLineString";
    /// <summary>Kind of a collection of polygons.</summary>
    public const string MultiPolygon = "MultiPolygon";
    /// <summary>Kind of a heterogeneous collection.</summary>
    public const string GeometryCollection = "GeometryCollection";

    /// <summary>Creates the collection; it must not be empty, since an empty geometry has no envelope.</summary>
    public ShapeCollection(string kind, IReadOnlyList<Shape> parts)
    {
        if (parts.Count == 0) throw new GeometryException($"a {kind} needs at least one member");
        Kind = kind;
        Parts = parts;
        var envelope = parts[0].Envelope;
        for (var i = 1; i < parts.Count; i++) envelope = envelope.Union(parts[i].Envelope);
        Envelope = envelope;
    }

    /// <summary>One of <see cref="MultiPoint"/>, <see cref="MultiLineString"/>, <see cref="MultiPolygon"/>, <see cref="GeometryCollection"/>.</summary>
    public string Kind { get; }

    /// <summary>The members.</summary>
    public IReadOnlyList<Shape> Parts { get; }

    /// <inheritdoc />
    public override Envelope Envelope { get; }

    internal override void WriteWkt(StringBuilder text, bool tagged)
    {
        // Members of a GeometryCollection keep their tags; members of a Multi* are bare coordinate lists.
        var collection = Kind == GeometryCollection;
        if (tagged) text.Append(Kind.ToUpperInvariant()).Append(' ');
        text.Append('(');
        for (var i = 0; i < Parts.Count; i++)
        {
            if (i > 0) text.Append(", ");
            Parts[i].WriteWkt(text, tagged: collection);
        }
        text.Append(')');
    }
}
