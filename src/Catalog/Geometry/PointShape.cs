using System.Text;

namespace Actors.Catalog.Geometry;

/// <summary>A single position.</summary>
public sealed class PointShape : Shape
{
    /// <summary>Creates the point.</summary>
    public PointShape(Position position)
    {
        Position = position;
        Envelope = new Envelope(position.X, position.Y, position.X, position.Y);
    }

    /// <summary>The position.</summary>
    public Position Position { get; }

    /// <inheritdoc />
    public override Envelope Envelope { get; }

    internal override void WriteWkt(StringBuilder text, bool tagged)
    {
        if (tagged) text.Append("POINT ");
        WritePositions(text, [Position]);
    }
}
