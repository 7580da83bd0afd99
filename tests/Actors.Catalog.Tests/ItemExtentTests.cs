using System.Text.Json.Nodes;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Tests;

/// <summary>An item's extent from its bbox or geometry, and whether an AOI meets it.</summary>
public sealed class ItemExtentTests
{
    [Theory]
    [InlineData("[10, 40, 12, 42]", 11, 41, 11.5, 41.5, true)]
    [InlineData("[10, 40, 12, 42]", 12.5, 41, 13, 41.5, false)]
    [InlineData("[10, 40, 12, 42]", 11, 42.5, 11.5, 43, false)]
    [InlineData("[170, -20, -170, -10]", 175, -15, 176, -14, true)]
    [InlineData("[170, -20, -170, -10]", -179, -15, -175, -14, true)]
    [InlineData("[170, -20, -170, -10]", 0, -15, 1, -14, false)]
    [InlineData("[10, 40, 0, 12, 42, 100]", 11, 41, 11.5, 41.5, true)]
    public void The_item_extent_meets_an_aoi_across_the_antimeridian_too(string bbox, double w, double s, double e, double n, bool intersects)
    {
        var item = JsonNode.Parse($$"""{"type":"Feature","id":"x","assets":{},"bbox":{{bbox}}}""")!.AsObject();
        Assert.Equal(intersects, ItemExtent.Of(item)!.Intersects(w, s, e, n));
    }

    [Fact]
    public void Without_a_bbox_the_extent_is_the_geometry_envelope()
    {
        var item = JsonNode.Parse("""{"type":"Feature","id":"x","assets":{},"geometry":{"type":"Polygon","coordinates":[[[10,40],[12,40],[12,42],[10,42],[10,40]]]}}""")!.AsObject();
        Assert.Equal(new ItemExtent(10, 40, 12, 42), ItemExtent.Of(item));
        Assert.Null(ItemExtent.Of(JsonNode.Parse("""{"type":"Feature","id":"x","assets":{}}""")!.AsObject()));
    }
}
