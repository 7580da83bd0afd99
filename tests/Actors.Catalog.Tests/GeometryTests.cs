using System.Text.Json.Nodes;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Tests;

public sealed class GeometryTests
{
    private static Shape G(string json) => GeoJsonShape.Parse(JsonNode.Parse(json), "geometry");

    private static Shape Box(double w, double s, double e, double n) => Shape.FromBbox(w, s, e, n);

    private const string Holed = """{"type":"Polygon","coordinates":[[[0,0],[20,0],[20,20],[0,20],[0,0]],[[5,5],[15,5],[15,15],[5,15],[5,5]]]}""";

    [Fact]
    public void Crossing_polygons_intersect_without_sharing_a_vertex_inside()
    {
        // A plus sign: neither polygon has a vertex inside the other, only the edges cross.
        var wide = Box(-10, -1, 10, 1);
        var tall = Box(-1, -10, 1, 10);
        Assert.True(wide.Intersects(tall));
        Assert.True(tall.Intersects(wide));
    }

    [Fact]
    public void Containment_counts_both_ways()
    {
        var big = Box(-10, -10, 10, 10);
        var small = Box(-1, -1, 1, 1);
        Assert.True(big.Intersects(small));
        Assert.True(small.Intersects(big));
        Assert.True(big.Intersects(G("""{"type":"Point","coordinates":[0,0]}""")));
        Assert.True(G("""{"type":"LineString","coordinates":[[-1,0],[1,0]]}""").Intersects(big));
    }

    [Fact]
    public void Touching_boundaries_intersect_and_separate_shapes_do_not()
    {
        Assert.True(Box(0, 0, 1, 1).Intersects(Box(1, 0, 2, 1)));
        Assert.True(Box(0, 0, 1, 1).Intersects(G("""{"type":"Point","coordinates":[1,0.5]}""")));
        Assert.False(Box(0, 0, 1, 1).Intersects(Box(1.001, 0, 2, 1)));
        // Envelopes overlap, shapes do not: a diagonal line past a triangle's hypotenuse.
        var triangle = G("""{"type":"Polygon","coordinates":[[[0,0],[10,0],[0,10],[0,0]]]}""");
        Assert.False(triangle.Intersects(G("""{"type":"LineString","coordinates":[[6,9],[9,6]]}""")));
        Assert.True(triangle.Intersects(G("""{"type":"LineString","coordinates":[[2,5],[9,5]]}""")));
    }

    [Fact]
    public void Holes_are_outside_the_polygon()
    {
        var holed = G(Holed);
        Assert.False(holed.Intersects(G("""{"type":"Point","coordinates":[10,10]}""")));
        Assert.False(holed.Intersects(Box(8, 8, 12, 12)));
        Assert.True(holed.Intersects(G("""{"type":"Point","coordinates":[5,10]}""")), "the hole's boundary belongs to the polygon");
        Assert.True(holed.Intersects(Box(8, 8, 16, 12)), "reaching out of the hole");
        Assert.True(holed.Intersects(Box(-5, -5, 25, 25)), "covering the whole polygon");
        Assert.True(holed.Intersects(G("""{"type":"LineString","coordinates":[[10,10],[10,30]]}""")));
    }

    [Fact]
    public void Multi_geometries_and_collections_intersect_through_any_part()
    {
        var multi = G("""{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[10,10],[11,10],[11,11],[10,11],[10,10]]]]}""");
        Assert.True(multi.Intersects(G("""{"type":"Point","coordinates":[10.5,10.5]}""")));
        Assert.False(multi.Intersects(G("""{"type":"Point","coordinates":[5,5]}""")), "between the parts, inside the overall envelope");
        var collection = G("""{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[50,50]},{"type":"LineString","coordinates":[[5,0],[5,3]]}]}""");
        Assert.True(collection.Intersects(Box(4, 1, 6, 2)));
        Assert.False(collection.Intersects(Box(6, 1, 7, 2)));
        Assert.True(G("""{"type":"MultiPoint","coordinates":[[3,3],[5,5]]}""").Intersects(G("""{"type":"MultiLineString","coordinates":[[[0,10],[10,0]],[[20,20],[30,30]]]}""")));
    }

    [Fact]
    public void Bbox_across_the_antimeridian_is_two_boxes()
    {
        var box = Box(170, -10, -170, 10);
        Assert.Equal(ShapeCollection.MultiPolygon, Assert.IsType<ShapeCollection>(box).Kind);
        Assert.Equal([new Envelope(170, -10, 180, 10), new Envelope(-180, -10, -170, 10)], Shape.BboxEnvelopes(170, -10, -170, 10));
        Assert.Equal([new Envelope(-170, -10, 170, 10)], Shape.BboxEnvelopes(-170, -10, 170, 10));
        Assert.True(box.Intersects(G("""{"type":"Point","coordinates":[179.5,0]}""")));
        Assert.True(box.Intersects(G("""{"type":"Point","coordinates":[-175,0]}""")));
        Assert.False(box.Intersects(G("""{"type":"Point","coordinates":[0,0]}""")));
        Assert.False(box.Intersects(G("""{"type":"Point","coordinates":[175,20]}""")));
    }

    [Theory]
    [InlineData("""{"coordinates":[0,0]}""", "geometry: GeoJSON geometry has no \"type\"")]
    [InlineData("""{"type":"Circle","coordinates":[0,0]}""", "geometry: unknown GeoJSON geometry type \"Circle\"")]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}""", "geometry.coordinates[0]: polygon ring is not closed")]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}""", "geometry.coordinates[0]: a polygon ring needs at least 4 positions, got 3")]
    [InlineData("""{"type":"Point","coordinates":[181,0]}""", "geometry.coordinates: longitude 181 is outside [-180, 180]")]
    [InlineData("""{"type":"Point","coordinates":[0,-91]}""", "latitude -91 is outside [-90, 90]")]
    [InlineData("""{"type":"Point","coordinates":[0,"1"]}""", "geometry.coordinates[1]: expected a number, got the string \"1\"")]
    [InlineData("""{"type":"LineString","coordinates":[[0,0]]}""", "a LineString needs at least 2 positions, got 1")]
    [InlineData("""{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,2]]]]}""", "geometry.coordinates[1][0]: polygon ring is not closed")]
    [InlineData("""{"type":"GeometryCollection","geometries":[{"type":"Point"}]}""", "geometry.geometries[0].coordinates: expected an array, got null")]
    [InlineData("[1,2]", "geometry: expected a GeoJSON geometry object, got an array")]
    public void Invalid_geojson_messages_name_the_input_and_the_fault(string json, string fragment)
    {
        var error = Assert.Throws<GeometryException>(() => G(json));
        Assert.IsAssignableFrom<FormatException>(error);
        Assert.Contains(fragment, error.Message);
    }

    [Theory]
    [InlineData(-181, 0, 0, 1, "west (-181)")]
    [InlineData(0, 1, 1, 0, "south (1) is greater than north (0)")]
    [InlineData(0, 0, double.NaN, 1, "east (NaN)")]
    public void Invalid_bbox(double w, double s, double e, double n, string fragment)
    {
        Assert.Contains(fragment, Assert.Throws<GeometryException>(() => Shape.FromBbox(w, s, e, n)).Message);
    }

    [Fact]
    public void Height_is_accepted_and_dropped()
    {
        Assert.Equal("POINT (1 2)", G("""{"type":"Point","coordinates":[1,2,300]}""").ToString());
        Assert.Equal(new Envelope(1, 2, 1, 2), G("""{"type":"Point","coordinates":[1,2,300]}""").Envelope);
    }
}
