using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Catalog.Geometry;

/// <summary>Reads GeoJSON geometry objects (RFC 7946) into <see cref="Shape"/>s, validating them on the way.</summary>
public static class GeoJsonShape
{
    /// <summary>
    /// Parses a GeoJSON geometry: Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection.
    /// </summary>
    /// <param name="node">The geometry object.</param>
    /// <param name="name">What the geometry is (e.g. <c>intersects</c>), named in error messages.</param>
    /// <exception cref="GeometryException">The geometry is missing, malformed or outside WGS84; the message says where.</exception>
    public static Shape Parse(JsonNode? node, string name)
    {
        if (node is not JsonObject obj)
            throw new GeometryException($"{name}: expected a GeoJSON geometry object, got {Describe(node)}");
        if (!obj.TryGetPropertyValue("type", out var typeNode) || typeNode is null)
            throw new GeometryException($"{name}: GeoJSON geometry has no \"type\"");
        if (typeNode is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var type))
            throw new GeometryException($"{name}: GeoJSON \"type\" must be a string, got {Describe(typeNode)}");

        if (type == "GeometryCollection")
        {
            if (obj["geometries"] is not JsonArray geometries)
                throw new GeometryException($"{name}: GeometryCollection needs a \"geometries\" array");
            var parts = new List<Shape>();
            for (var i = 0; i < geometries.Count; i++) parts.Add(Parse(geometries[i], $"{name}.geometries[{i}]"));
            if (parts.Count == 0) throw new GeometryException($"{name}: GeometryCollection has no geometries");
            return new ShapeCollection(ShapeCollection.GeometryCollection, parts);
        }

        var coordinates = obj["coordinates"];
        var path = $"{name}.coordinates";
        return type switch
        {
            "Point" => new PointShape(ReadPosition(coordinates, path)),
            "LineString" => new LineStringShape(ReadLine(coordinates, path)),
            "Polygon" => new PolygonShape(ReadRings(coordinates, path)),
            "MultiPoint" => Multi(ShapeCollection.MultiPoint, coordinates, path, (c, p) => new PointShape(ReadPosition(c, p))),
            "MultiLineString" => Multi(ShapeCollection.MultiLineString, coordinates, path, (c, p) => new LineStringShape(ReadLine(c, p))),
            "MultiPolygon" => Multi(ShapeCollection.MultiPolygon, coordinates, path, (c, p) => new PolygonShape(ReadRings(c, p))),
            _ => throw new GeometryException(
                $"{name}: unknown GeoJSON geometry type \"{type}\" (expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)"),
        };
    }

    /// <summary>A position from numbers, checked to be inside WGS84; used by the WKT reader too.</summary>
    internal static Position CheckedPosition(double x, double y, string path)
    {
        if (!double.IsFinite(x) || x < -180 || x > 180)
            throw new GeometryException($"{path}: longitude {Shape.Format(x)} is outside [-180, 180]");
        if (!double.IsFinite(y) || y < -90 || y > 90)
            throw new GeometryException($"{path}: latitude {Shape.Format(y)} is outside [-90, 90]");
        return new Position(x, y);
    }

    /// <summary>Checks a ring is closed and long enough; used by the WKT reader too.</summary>
    internal static IReadOnlyList<Position> CheckedRing(IReadOnlyList<Position> ring, string path)
    {
        if (ring.Count < 4)
            throw new GeometryException($"{path}: a polygon ring needs at least 4 positions, got {ring.Count}");
        if (ring[0] != ring[^1])
            throw new GeometryException(
                $"{path}: polygon ring is not closed (first position {Shape.Format(ring[0].X)} {Shape.Format(ring[0].Y)} differs from last {Shape.Format(ring[^1].X)} {Shape.Format(ring[^1].Y)})");
        return ring;
    }

    private static ShapeCollection Multi(string kind, JsonNode? coordinates, string path, Func<JsonNode?, string, Shape> member)
    {
        var array = Array(coordinates, path);
        if (array.Count == 0) throw new GeometryException($"{path}: {kind} has no members");
        var parts = new List<Shape>(array.Count);
        for (var i = 0; i < array.Count; i++) parts.Add(member(array[i], $"{path}[{i}]"));
        return new ShapeCollection(kind, parts);
    }

    private static IReadOnlyList<IReadOnlyList<Position>> ReadRings(JsonNode? node, string path)
    {
        var array = Array(node, path);
        if (array.Count == 0) throw new GeometryException($"{path}: a Polygon needs at least one ring");
        var rings = new List<IReadOnlyList<Position>>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var ringPath = $"{path}[{i}]";
            rings.Add(CheckedRing(ReadPositions(array[i], ringPath), ringPath));
        }
        return rings;
    }

    private static IReadOnlyList<Position> ReadLine(JsonNode? node, string path)
    {
        var line = ReadPositions(node, path);
        if (line.Count < 2) throw new GeometryException($"{path}: a LineString needs at least 2 positions, got {line.Count}");
        return line;
    }

    private static List<Position> ReadPositions(JsonNode? node, string path)
    {
        var array = Array(node, path);
        var positions = new List<Position>(array.Count);
        for (var i = 0; i < array.Count; i++) positions.Add(ReadPosition(array[i], $"{path}[{i}]"));
        return positions;
    }

    private static Position ReadPosition(JsonNode? node, string path)
    {
        var array = Array(node, path);
        if (array.Count is < 2 or > 3)
            throw new GeometryException($"{path}: a position needs 2 or 3 numbers, got {array.Count} element(s)");
        var x = Number(array[0], $"{path}[0]");
        var y = Number(array[1], $"{path}[1]");
        if (array.Count == 3) Number(array[2], $"{path}[2]");
        return CheckedPosition(x, y, path);
    }

    private static JsonArray Array(JsonNode? node, string path) =>
        node as JsonArray ?? throw new GeometryException($"{path}: expected an array, got {Describe(node)}");

    private static double Number(JsonNode? node, string path)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number) return JsonNumber.ToDouble(value);
        throw new GeometryException($"{path}: expected a number, got {Describe(node)}");
    }

    internal static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"the string {v.ToJsonString()}",
            JsonValueKind.Number => $"the number {v.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {v.ToJsonString()}",
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };
}
