using System.Text.Json.Nodes;
using Actors.Catalog.Filter;

namespace Actors.Catalog.Tests;

public sealed class ItemTimeTests
{
    private static JsonObject Item(string properties) => new() { ["id"] = "x", ["properties"] = JsonNode.Parse(properties) };

    [Theory]
    [InlineData("2020-01-01T00:00:00Z", 1577836800000)]
    [InlineData("2020-01-01t00:00:00z", 1577836800000)]
    [InlineData("2020-01-01T01:00:00+01:00", 1577836800000)]
    [InlineData("2019-12-31T23:00:00.1234-01:00", 1577836800123)]
    [InlineData("1970-01-01T00:00:00.5Z", 500)]
    public void Parses_rfc3339(string text, long expected)
    {
        Assert.True(ItemTime.TryParseInstant(text, out var ms));
        Assert.Equal(expected, ms);
    }

    [Theory]
    [InlineData("2020-01-01")]
    [InlineData("2020-01-01 00:00:00Z")]
    [InlineData("2020-01-01T00:00:00")]
    [InlineData("2020-13-01T00:00:00Z")]
    [InlineData("2020-02-30T00:00:00Z")]
    [InlineData("2020-01-01T24:00:00Z")]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("2020-01-01T00:00:00Z\n")]
    [InlineData("2020-01-01T00:00:00+25:00")]
    [InlineData("２020-01-01T00:00:00Z")]
    public void Refuses_anything_else(string text) => Assert.False(ItemTime.TryParseInstant(text, out _));

    [Fact]
    public void Range_wins_over_datetime_when_both_ends_parse_in_order()
    {
        Assert.Equal(new ItemTime(1577836800000, 1577923200000),
            ItemTime.Of(Item("""{"datetime":null,"start_datetime":"2020-01-01T00:00:00Z","end_datetime":"2020-01-02T00:00:00Z"}""")));
        Assert.Equal(new ItemTime(1577836800000, 1577836800000),
            ItemTime.Of(Item("""{"datetime":"2020-01-01T00:00:00Z","start_datetime":"2020-01-01T00:00:00Z"}""")));
        Assert.Equal(new ItemTime(1577836800000, 1577836800000),
            ItemTime.Of(Item("""{"datetime":"2020-01-01T00:00:00Z","start_datetime":"2020-01-03T00:00:00Z","end_datetime":"2020-01-02T00:00:00Z"}""")));
        Assert.Null(ItemTime.Of(Item("""{"datetime":"yesterday"}""")));
        Assert.Null(ItemTime.Of(Item("""{"datetime":null}""")));
        Assert.Null(ItemTime.Of(new JsonObject { ["id"] = "x" }));
    }
}
