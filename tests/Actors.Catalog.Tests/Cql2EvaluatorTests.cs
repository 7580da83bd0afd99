using System.Text.Json.Nodes;
using Actors.Catalog.Filter;

namespace Actors.Catalog.Tests;

public sealed class Cql2EvaluatorTests
{
    private static readonly JsonObject[] Items =
    [
        Item("a", "s2", """{"eo:cloud_cover":5,"platform":"sentinel-2a","datetime":"2021-01-01T00:00:00Z","instruments":["msi"],"flag":true,"city":"Zürich"}""",
            """{"type":"Point","coordinates":[8.5,47.4]}"""),
        Item("b", "s2", """{"eo:cloud_cover":50.5,"platform":"Sentinel-2B","datetime":null,"start_datetime":"2021-01-01T00:00:00Z","end_datetime":"2021-01-31T00:00:00Z","instruments":["msi","oli"]}""",
            """{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}"""),
        Item("c", null, """{"eo:cloud_cover":"5","platform":"landsat-8","datetime":"2021-06-15T12:00:00+02:00","flag":false,"updated":"2021-06-01T00:00:00Z"}""",
            null),
        Item("d", "ls", """{"platform":"a_b%c","datetime":"bad"}""",
            """{"type":"LineString","coordinates":[[179,0],[180,1]]}"""),
    ];

    private static JsonObject Item(string id, string? collection, string properties, string? geometry)
    {
        var item = new JsonObject { ["id"] = id, ["properties"] = JsonNode.Parse(properties), ["geometry"] = geometry is null ? null : JsonNode.Parse(geometry) };
        if (collection is not null) item["collection"] = collection;
        return item;
    }

    private static string Match(string filter) =>
        string.Concat(Items.Where(i => Cql2Evaluator.Matches(Cql2TextParser.Parse(filter), i)).Select(i => (string)i["id"]!));

    [Theory]
    [InlineData("eo:cloud_cover < 20", "a")]                        // the string "5" does not compare with a number
    [InlineData("eo:cloud_cover = '5'", "c")]
    [InlineData("NOT eo:cloud_cover < 20", "bcd")]                  // NOT of false on a missing property is true
    [InlineData("eo:cloud_cover <> 5", "b")]
    [InlineData("collection = 's2'", "ab")]
    [InlineData("collection <> 's2'", "d")]                         // a missing collection is not unequal either
    [InlineData("collection IS NULL", "c")]
    [InlineData("platform LIKE 'sentinel%'", "a")]                  // case-sensitive
    [InlineData("CASEI(platform) LIKE CASEI('SENTINEL%')", "ab")]
    [InlineData("platform LIKE 'a\\_b\\%c'", "d")]
    [InlineData("platform LIKE 'a_b_c'", "d")]
    [InlineData("platform > 'landsat'", "ac")]                      // code point order: 'S' < 'a' < 'l' < 's'
    [InlineData("ACCENTI(city) = 'Zurich'", "a")]
    [InlineData("flag = true", "a")]
    [InlineData("flag <> true", "c")]
    [InlineData("datetime IS NULL", "d")]                          // unparseable counts as none
    [InlineData("datetime = TIMESTAMP('2021-01-01T00:00:00Z')", "ab")]  // datetime is the start in comparisons
    [InlineData("end_datetime > TIMESTAMP('2021-01-15T00:00:00Z')", "bc")]
    [InlineData("datetime = TIMESTAMP('2021-06-15T10:00:00Z')", "c")]   // offsets are instants
    [InlineData("updated < TIMESTAMP('2021-06-02T00:00:00Z')", "c")]   // a string property compares as an instant
    [InlineData("updated < DATE('2021-06-01')", "")]
    [InlineData("T_DURING(TIMESTAMP('2021-01-15T00:00:00Z'), datetime)", "b")]
    [InlineData("T_INTERSECTS(datetime, DATE('2021-01-31'))", "b")]
    [InlineData("T_AFTER(datetime, INTERVAL('..', '2021-01-31'))", "c")]
    [InlineData("T_STARTS(TIMESTAMP('2021-01-01T00:00:00Z'), datetime)", "b")]
    [InlineData("T_EQUALS(datetime, INTERVAL(start_datetime, end_datetime))", "abc")]
    [InlineData("S_INTERSECTS(geometry, BBOX(5, 5, 9, 48))", "ab")]
    [InlineData("S_INTERSECTS(geometry, BBOX(179.5, 0, -179.5, 1))", "d")]
    [InlineData("S_DISJOINT(geometry, POINT(5 5))", "ad")]            // no geometry: neither intersects nor disjoint
    [InlineData("A_CONTAINS(instruments, ('msi'))", "ab")]
    [InlineData("A_CONTAINEDBY(instruments, ('msi', 'tirs'))", "a")]
    [InlineData("A_EQUALS(instruments, ('oli', 'msi'))", "")]           // order matters
    [InlineData("A_OVERLAPS(instruments, ('oli', 'x'))", "b")]
    [InlineData("id IN ('a', 'd', 'z')", "ad")]
    [InlineData("eo:cloud_cover BETWEEN 5 AND 50.5", "ab")]
    [InlineData("TRUE AND NOT FALSE", "abcd")]
    public void Small_corpus(string filter, string expected) => Assert.Equal(expected, Match(filter));

    [Fact]
    public void Code_point_order_differs_from_utf16_order()
    {
        var item = Item("x", null, """{"s":"😀"}""", null);
        // U+1F600 sorts after U+FF5E by code point, although its UTF-16 surrogates sort before.
        Assert.True(Cql2Evaluator.Matches(Cql2TextParser.Parse("s > '～'"), item));
    }

    [Fact]
    public void A_non_predicate_is_refused() =>
        Assert.Throws<Cql2Exception>(() => Cql2Evaluator.Matches(new PropertyRef("x"), Items[0]));
}
