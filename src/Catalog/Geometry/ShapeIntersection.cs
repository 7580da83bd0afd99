namespace Actors.Catalog.Geometry;

/// <summary>
/// Planar intersection of points, polylines and polygons with holes. Collections are flattened into their primitives;
/// two primitives intersect when an edge crosses or touches an edge, or one lies inside the other.
/// </summary>
internal static class ShapeIntersection
{
    public static bool Intersects(Shape a, Shape b)
    {
        if (!a.Envelope.Intersects(b.Envelope)) return false;
        var left = new List<Shape>();
        var right = new List<Shape>();
        Flatten(a, left);
        Flatten(b, right);
        foreach (var p in left)
            foreach (var q in right)
                if (p.Envelope.Intersects(q.Envelope) && Primitive(p, q)) return true;
        return false;
    }

    private static void Flatten(Shape shape, List<Shape> into)
    {
        if (shape is ShapeCollection collection)
            foreach (var part in collection.Parts) Flatten(part, into);
        else
            into.Add(shape);
    }

    private static bool Primitive(Shape a, Shape b) => (a, b) switch
    {
        (PointShape p, PointShape q) => p.Position == q.Position,
        (PointShape p, LineStringShape l) => PointOnLine(p.Position, l.Positions),
        (LineStringShape l, PointShape p) => PointOnLine(p.Position, l.Positions),
        (PointShape p, PolygonShape g) => PointInPolygon(p.Position, g),
        (PolygonShape g, PointShape p) => PointInPolygon(p.Position, g),
        (LineStringShape l, LineStringShape m) => LinesCross(l.Positions, m.Positions),
        (LineStringShape l, PolygonShape g) => LineTouchesPolygon(l.Positions, g),
        (PolygonShape g, LineStringShape l) => LineTouchesPolygon(l.Positions, g),
        (PolygonShape g, PolygonShape h) => PolygonsIntersect(g, h),
        _ => throw new InvalidOperationException($"no intersection rule for {a.GetType().Name} and {b.GetType().Name}"),
    };

    private static bool PointOnLine(Position p, IReadOnlyList<Position> line)
    {
        for (var i = 1; i < line.Count; i++)
            if (OnSegment(line[i - 1], line[i], p)) return true;
        return false;
    }

    private static bool LinesCross(IReadOnlyList<Position> a, IReadOnlyList<Position> b)
    {
        for (var i = 1; i < a.Count; i++)
            for (var j = 1; j < b.Count; j++)
                if (SegmentsIntersect(a[i - 1], a[i], b[j - 1], b[j])) return true;
        return false;
    }

    // Without an edge crossing, the line lies wholly inside or wholly outside; its first vertex decides.
    private static bool LineTouchesPolygon(IReadOnlyList<Position> line, PolygonShape polygon)
    {
        foreach (var ring in polygon.Rings)
            if (LinesCross(line, ring)) return true;
        return PointInPolygon(line[0], polygon);
    }

    // Without an edge crossing, either one polygon contains the other (seen at any one vertex) or they are apart;
    // a polygon sitting in the other's hole fails both vertex tests, as it should.
    private static bool PolygonsIntersect(PolygonShape a, PolygonShape b)
    {
        foreach (var ra in a.Rings)
            foreach (var rb in b.Rings)
                if (LinesCross(ra, rb)) return true;
        return PointInPolygon(a.Rings[0][0], b) || PointInPolygon(b.Rings[0][0], a);
    }

    /// <summary>Inside or on the boundary, not strictly inside a hole.</summary>
    private static bool PointInPolygon(Position p, PolygonShape polygon)
    {
        foreach (var ring in polygon.Rings)
            if (PointOnLine(p, ring)) return true;
        if (!InsideRing(p, polygon.Rings[0])) return false;
        for (var i = 1; i < polygon.Rings.Count; i++)
            if (InsideRing(p, polygon.Rings[i])) return false;
        return true;
    }

    // Even-odd ray cast; boundary points are decided by PointOnLine before this is asked.
    private static bool InsideRing(Position p, IReadOnlyList<Position> ring)
    {
        var inside = false;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            var a = ring[i];
            var b = ring[j];
            if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y) + a.X)
                inside = !inside;
        }
        return inside;
    }

    private static double Orient(Position a, Position b, Position c) => (b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X);

    private static bool WithinBox(Position a, Position b, Position p) =>
        p.X >= Math.Min(a.X, b.X) && p.X <= Math.Max(a.X, b.X) && p.Y >= Math.Min(a.Y, b.Y) && p.Y <= Math.Max(a.Y, b.Y);

    private static bool OnSegment(Position a, Position b, Position p) => Orient(a, b, p) == 0 && WithinBox(a, b, p);

    private static bool SegmentsIntersect(Position p1, Position p2, Position q1, Position q2)
    {
        var d1 = Orient(q1, q2, p1);
        var d2 = Orient(q1, q2, p2);
        var d3 = Orient(p1, p2, q1);
        var d4 = Orient(p1, p2, q2);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
        return (d1 == 0 && WithinBox(q1, q2, p1)) || (d2 == 0 && WithinBox(q1, q2, p2))
            || (d3 == 0 && WithinBox(p1, p2, q1)) || (d4 == 0 && WithinBox(p1, p2, q2));
    }
}
