namespace Actors.Catalog.Geometry;

/// <summary>An axis-aligned box in lon/lat degrees; both bounds inclusive. Never crosses the antimeridian (MinX &lt;= MaxX).</summary>
/// <param name="MinX">West bound.</param>
/// <param name="MinY">South bound.</param>
/// <param name="MaxX">East bound.</param>
/// <param name="MaxY">North bound.</param>
public sealed record Envelope(double MinX, double MinY, double MaxX, double MaxY)
{
    /// <summary>True when the two boxes share at least one point (touching edges count).</summary>
    public bool Intersects(Envelope other) =>
        MinX <= other.MaxX && other.MinX <= MaxX && MinY <= other.MaxY && other.MinY <= MaxY;

    /// <summary>The smallest box holding both.</summary>
    public Envelope Union(Envelope other) =>
        new(Math.Min(MinX, other.MinX), Math.Min(MinY, other.MinY), Math.Max(MaxX, other.MaxX), Math.Max(MaxY, other.MaxY));

    internal static Envelope Of(IReadOnlyList<Position> positions)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        foreach (var p in positions)
        {
            minX = Math.Min(minX, p.X); minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X); maxY = Math.Max(maxY, p.Y);
        }
        return new Envelope(minX, minY, maxX, maxY);
    }
}
