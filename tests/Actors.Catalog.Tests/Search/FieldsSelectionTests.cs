using System.Text.Json.Nodes;
using Actors.Catalog.Search;

namespace Actors.Catalog.Tests.Search;

public sealed class FieldsSelectionTests
{
    private static readonly JsonObject Item = JsonNode.Parse("""
        {"type": "Feature", "id": "a", "collection": "c", "geometry": null, "bbox": [0, 0, 1, 1],
         "properties": {"datetime": "2024-01-01T00:00:00Z", "eo:cloud_cover": 5, "platform": "s2a"},
         "assets": {"b03": {"href": "x"}}, "links": []}
        """)!.AsObject();

    [Fact]
    public void Includes_keep_only_the_named_paths_and_what_makes_a_feature()
    {
        var kept = FieldsSelection.Parse("properties.eo:cloud_cover,bbox").Apply(Item);
        Assert.Equal("""{"properties":{"eo:cloud_cover":5},"bbox":[0,0,1,1],"id":"a","type":"Feature","collection":"c"}""", kept.ToJsonString());
    }

    [Fact]
    public void Excludes_remove_paths_unless_an_include_names_them_or_something_deeper()
    {
        var kept = FieldsSelection.Parse("-assets,-properties.platform").Apply(Item);
        Assert.Null(kept["assets"]);
        Assert.Null(kept["properties"]!["platform"]);
        Assert.Equal(5, kept["properties"]!["eo:cloud_cover"]!.GetValue<int>());

        var overridden = FieldsSelection.FromJson(JsonNode.Parse("""{"include": ["properties.platform"], "exclude": ["properties"]}""")).Apply(Item);
        Assert.Equal("s2a", overridden["properties"]!["platform"]!.GetValue<string>());
        Assert.NotNull(Item["assets"]); // the input is left alone
    }

    [Fact]
    public void Empty_paths_are_refused() =>
        Assert.Throws<CatalogRequestException>(() => FieldsSelection.Parse("properties..x"));
}
