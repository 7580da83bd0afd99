using System.Text;

namespace Actors.Catalog.Geometry;

/// <summary>A polyline of at least two positions.</summary>
public sealed class LineStringShape : Shape
{
    /// <summary>Creates the line; callers validate the position count (see <see cref="GeoJsonShape"/>).</summary>
    public LineStringShape(IReadOnlyList<Position> positions)
    {
        if (positions.Count < 2) throw new GeometryException("a LineString needs at least 2 positions");
        Positions = positions;
        Envelope = Envelope.Of(positions);
    }

    /// <summary>The vertices in order.</summary>
    public IReadOnlyList<Position> Positions { get; }

    /// <inheritdoc />
    public override Envelope Envelope { get; }

    internal override void WriteWkt(StringBuilder text, bool tagged)
    {
        if (tagged) text.Append("LINESTRING ");
        WritePositions(text, Positions);
    }
}
