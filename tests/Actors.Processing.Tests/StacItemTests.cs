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
}
