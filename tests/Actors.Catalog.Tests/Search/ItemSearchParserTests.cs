using System.Text.Json.Nodes;
using Actors.Catalog.Filter;
using Actors.Catalog.Search;

namespace Actors.Catalog.Tests.Search;

public sealed class ItemSearchParserTests
{
    private static readonly SearchLimits Limits = new(10, 1000);

    [Fact]
    public void The_get_and_post_forms_of_a_search_read_the_same()
    {
        var get = ItemSearchParser.FromQuery(new Dictionary<string, string>
        {
            ["collections"] = "a,b",
            ["ids"] = "x",
            ["bbox"] = "170,-10,-170,10",
            ["datetime"] = "2024-01-01T00:00:00Z/..",
            ["filter"] = "eo:cloud_cover < 20",
            ["sortby"] = "-eo:cloud_cover, id",
            ["fields"] = "id,-assets",
            ["limit"] = "5",
        }, Limits);
        var post = ItemSearchParser.FromJson(JsonNode.Parse("""
            {"collections": ["a", "b"], "ids": ["x"], "bbox": [170, -10, -170, 10], "datetime": "2024-01-01T00:00:00Z/..",
             "filter": {"op": "<", "args": [{"property": "eo:cloud_cover"}, 20]},
             "sortby": [{"field": "eo:cloud_cover", "direction": "desc"}, {"field": "id"}],
             "fields": {"include": ["id"], "exclude": ["assets"]}, "limit": 5}
            """)!.AsObject(), Limits);

        Assert.Equal(get.Collections, post.Collections);
        Assert.Equal(get.Ids, post.Ids);
        Assert.Equal(get.Datetime, post.Datetime);
        Assert.Equal(get.Filter, post.Filter);
        Assert.Equal(get.SortBy, post.SortBy);
        Assert.Equal(get.Fields!.ToString(), post.Fields!.ToString());
        Assert.Equal(5, post.Limit);
        Assert.Equal(get.Area, post.Area);
        Assert.Equal(2, get.AreaEnvelopes.Count); // across the antimeridian: one envelope each side
    }

    [Fact]
    public void A_six_number_bbox_drops_the_heights_and_a_large_limit_is_served_at_the_maximum()
    {
        var search = ItemSearchParser.FromQuery(new Dictionary<string, string> { ["bbox"] = "1,2,0,3,4,100", ["limit"] = "50000" }, Limits);
        Assert.Equal(new Geometry.Envelope(1, 2, 3, 4), search.AreaEnvelopes.Single());
        Assert.Equal(1000, search.Limit);
        Assert.Equal(10, ItemSearchParser.FromQuery(new Dictionary<string, string>(), Limits).Limit);
    }

    [Theory]
    [InlineData("bbox", "1,2,3", "bbox needs 4 numbers")]
    [InlineData("bbox", "0,0,x,1", "'x' is not a number")]
    [InlineData("bbox", "0,10,1,5", "south is greater than north")]
    [InlineData("bbox", "0,0,190,1", "longitude")]
    [InlineData("datetime", "2024-01-02T00:00:00Z/2024-01-01T00:00:00Z", "starts after it ends")]
    [InlineData("datetime", "../..", "open at both ends")]
    [InlineData("datetime", "2024-01-01", "RFC 3339")]
    [InlineData("limit", "-1", "limit")]
    [InlineData("limit", "ten", "limit")]
    [InlineData("token", "%%%", "token")]
    [InlineData("filter", "eo:cloud_cover <", "filter:")]
    [InlineData("intersects", "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [0, 1]]]}", "intersects")]
    [InlineData("sortby", "-", "empty field")]
    [InlineData("filter-crs", "EPSG:4326", "filter-crs")]
    public void A_bad_parameter_is_refused_with_a_message_naming_it(string name, string value, string expected)
    {
        var query = new Dictionary<string, string> { [name] = value };
        if (name == "filter-crs") query["filter"] = "id = 'a'";
        var error = Assert.Throws<CatalogRequestException>(() => ItemSearchParser.FromQuery(query, Limits));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Bbox_and_intersects_together_are_refused()
    {
        var body = JsonNode.Parse("""{"bbox": [0, 0, 1, 1], "intersects": {"type": "Point", "coordinates": [0, 0]}}""")!.AsObject();
        Assert.Contains("together", Assert.Throws<CatalogRequestException>(() => ItemSearchParser.FromJson(body, Limits)).Message);
    }

    [Fact]
    public void A_post_filter_is_cql2_json_by_default_and_text_when_it_is_a_string()
    {
        var json = ItemSearchParser.FromJson(JsonNode.Parse("""{"filter": {"op": "=", "args": [{"property": "id"}, "a"]}}""")!.AsObject(), Limits);
        var text = ItemSearchParser.FromJson(JsonNode.Parse("""{"filter": "id = 'a'"}""")!.AsObject(), Limits);
        Assert.Equal(json.Filter, text.Filter);
        Assert.IsAssignableFrom<Cql2Expression>(json.Filter);
    }
}
