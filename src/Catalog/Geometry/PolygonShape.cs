using System.Text;

namespace Actors.Catalog.Geometry;

/// <summary>A polygon: an exterior ring and zero or more holes, each closed with at least four positions.</summary>
public sealed class PolygonShape : Shape
{
    /// <summary>Creates the polygon from closed rings, exterior first.</summary>
    public PolygonShape(IReadOnlyList<IReadOnlyList<Position>> rings)
    {
        if (rings.Count == 0) throw new GeometryException("a Polygon needs an exterior ring");
        foreach (var ring in rings)
            if (ring.Count < 4 || ring[0] != ring[^1])
                throw new GeometryException("a Polygon ring must be closed and have at least 4 positions");
        Rings = rings;
        Envelope = Envelope.Of(rings[0]);
    }

    /// <summary>The rings, exterior first, then the holes.</summary>
    public IReadOnlyList<IReadOnlyList<Position>> Rings { get; }

    /// <inheritdoc />
    public override Envelope Envelope { get; }

    internal override void WriteWkt(StringBuilder text, bool tagged)
    {
        if (tagged) text.Append("POLYGON ");
        text.Append('(');
        for (var i = 0; i < Rings.Count; i++)
        {
            if (i > 0) text.Append(", ");
            WritePositions(text, Rings[i]);
        }
        text.Append(')');
    }
}
