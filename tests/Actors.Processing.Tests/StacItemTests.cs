using System.Text.Json.Nodes;
using Actors.Processing.Stac;

namespace Actors.Processing.Tests;

public sealed class StacItemTests(SampleSceneFixture sample) : IClassFixture<SampleSceneFixture>
{
    [Fact]
    public async Task Stac_1_0_eo_bands_resolve_to_absolute_paths_of_the_assets()
    {
        var item = StacItem.Parse(await File.ReadAllTextAsync(sample.Scene.ItemPath), sample.Scene.ItemPath);
        var bands = item.ResolveBands(["green", "nir"]);
        Assert.Equal(sample.Scene.BandPaths["green"], bands["green"]);
        Assert.Equal(sample.Scene.BandPaths["nir"], bands["nir"]);
    }

    [Fact]
    public void Stac_1_1_bands_with_eo_common_name_resolve()
    {
        var json = new JsonObject
        {
            ["type"] = "Feature", ["stac_version"] = "1.1.0", ["id"] = "x",
            ["assets"] = new JsonObject
            {
                ["B03"] = new JsonObject
                {
                    ["href"] = "/data/b03.tif", ["roles"] = new JsonArray("data"),
                    ["bands"] = new JsonArray(new JsonObject { ["name"] = "B03", ["eo:common_name"] = "green" }),
                },
                ["thumbnail"] = new JsonObject { ["href"] = "/data/green.jpg", ["roles"] = new JsonArray("thumbnail"), ["eo:common_name"] = "green" },
            },
        };
        var item = StacItem.Parse(json.ToJsonString());
        Assert.Equal("/data/b03.tif", item.ResolveBands(["green"])["green"]);
    }

    [Fact]
    public void Missing_band_names_what_is_missing_and_what_exists()
    {
        var item = StacItem.Parse(File.ReadAllText(sample.Scene.ItemPath), sample.Scene.ItemPath);
        var json = item.Json.DeepClone().AsObject();
        json["assets"]!.AsObject().Remove("red");
        var error = Assert.Throws<ProcessingException>(() => StacItem.Parse(json.ToJsonString(), sample.Scene.ItemPath).ResolveBands(["red", "nir"]));
        Assert.Contains("red", error.Message);
        Assert.Contains("green", error.Message);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("{\"type\":\"Feature\"}", "\"id\"")]
    [InlineData("{\"type\":\"Feature\",\"id\":\"a\"}", "\"assets\"")]
    [InlineData("{\"type\":\"Feature\",\"id\":\"../etc\",\"assets\":{}}", "not allowed")]
    public void Malformed_items_are_rejected_with_a_clear_message(string json, string expected)
    {
        var error = Assert.Throws<ProcessingException>(() => StacItem.Parse(json));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_document_that_is_not_json_is_reported_by_position_without_quoting_it()
    {
        var error = Assert.Throws<ProcessingException>(() => StacItem.Parse("{\"type\": \"Feature\",\n root:x:0:0:root:/root:/bin/bash\n"));
        Assert.Contains("line 2", error.Message);
        Assert.DoesNotContain("root", error.Message);
        var id = Assert.Throws<ProcessingException>(() => StacItem.Parse("{\"type\":\"Feature\",\"id\":\"../secret-value\",\"assets\":{}}"));
        Assert.DoesNotContain("secret-value", id.Message);
    }

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
        Assert.Equal(intersects, ItemExtent.Of(item)!.Intersects(new Actors.Abstractions.Geometry.Bbox(w, s, e, n)));
    }

    [Fact]
    public void Without_a_bbox_the_extent_is_the_geometry_envelope()
    {
        var item = JsonNode.Parse("""{"type":"Feature","id":"x","assets":{},"geometry":{"type":"Polygon","coordinates":[[[10,40],[12,40],[12,42],[10,42],[10,40]]]}}""")!.AsObject();
        Assert.Equal(new ItemExtent(10, 40, 12, 42), ItemExtent.Of(item));
        Assert.Null(ItemExtent.Of(JsonNode.Parse("""{"type":"Feature","id":"x","assets":{}}""")!.AsObject()));
    }
}
