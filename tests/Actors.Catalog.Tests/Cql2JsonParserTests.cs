using System.Text.Json.Nodes;
using Actors.Catalog.Filter;

namespace Actors.Catalog.Tests;

public sealed class Cql2JsonParserTests
{
    private static Cql2Expression Parse(string json) => Cql2JsonParser.Parse(JsonNode.Parse(json));

    [Fact]
    public void Stac_filter_extension_example()
    {
        var parsed = Parse("""
            {"op":"and","args":[
              {"op":"=","args":[{"property":"collection"},"landsat8_l1tp"]},
              {"op":"<=","args":[{"property":"eo:cloud_cover"},10]},
              {"op":">=","args":[{"property":"datetime"},{"timestamp":"2021-04-08T04:39:23Z"}]},
              {"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[43.5845,-79.5442],[43.6079,-79.4893],[43.5677,-79.4632],[43.6129,-79.3925],[43.6223,-79.3238],[43.6576,-79.3163],[43.7945,-79.1178],[43.8144,-79.1542],[43.8555,-79.1714],[43.7509,-79.6390],[43.5845,-79.5442]]]}]}
            ]}
            """);
        var and = Assert.IsType<AndExpression>(parsed);
        Assert.Equal(4, and.Args.Count);
        Assert.IsType<SpatialExpression>(and.Args[3]);
    }

    [Fact]
    public void Operators_are_case_insensitive_and_literals_typed()
    {
        Assert.Equal(new TemporalExpression(TemporalOperator.Before, new PropertyRef("datetime"), new DateLiteral(new DateOnly(2020, 1, 2))),
            Parse("""{"op":"T_BEFORE","args":[{"property":"datetime"},{"date":"2020-01-02"}]}"""));
        Assert.Equal(new BooleanLiteral(false), Parse("false"));
        Assert.Equal(new ArrayExpression(ArrayOperator.Equal, new PropertyRef("a"), new ArrayLiteral([new NumberLiteral(1), new BooleanLiteral(true)])),
            Parse("""{"op":"a_equals","args":[{"property":"a"},[1,true]]}"""));
    }

    [Theory]
    [InlineData("""{"op":"=","args":[{"property":"x"}]}""", "filter: operator \"=\" takes 2 argument(s), got 1")]
    [InlineData("""{"op":"frobnicate","args":[]}""", "filter.op: unknown operator or function \"frobnicate\"")]
    [InlineData("""{"op":"s_within","args":[{"property":"geometry"},{"bbox":[0,0,1,1]}]}""", "unsupported spatial operator S_WITHIN")]
    [InlineData("""{"op":"and","args":[{"property":"x"},{"op":"=","args":[{"property":"x"},1]}]}""", "filter.args[0]: every argument of \"and\" must be a predicate")]
    [InlineData("""{"op":">","args":[{"property":"datetime"},{"timestamp":"2021-04-08"}]}""", "filter.args[1].timestamp: '2021-04-08' is not an RFC 3339 timestamp")]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0.5]]]}]}""", "filter.args[1].coordinates[0]: polygon ring is not closed")]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Circle","coordinates":[0,0]}]}""", "unknown GeoJSON geometry type \"Circle\"")]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[0,0,1]}]}""", "filter.args[1].bbox needs 4 or 6 numbers, got 3")]
    [InlineData("""{"op":"in","args":[{"property":"x"},"a"]}""", "\"in\" needs an array")]
    [InlineData("""{"property":"x"}""", "filter must be a predicate")]
    [InlineData("""{"op":"=","args":[{"property":"x"},null]}""", "filter.args[1]: null is not a CQL2 expression")]
    [InlineData("""{"op":"=","args":[{"prop":"x"},1]}""", "got keys \"prop\"")]
    [InlineData("""{"op":"t_after","args":[{"property":"datetime"},{"interval":["2020-01-01"]}]}""", "filter.args[1].interval: expected an array of 2 ends")]
    public void Errors_name_the_json_path(string json, string fragment)
    {
        var error = Assert.Throws<Cql2Exception>(() => Parse(json));
        Assert.Contains(fragment, error.Message);
    }
}
