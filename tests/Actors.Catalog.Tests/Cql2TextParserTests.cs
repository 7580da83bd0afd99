using System.Text.Json.Nodes;
using Actors.Catalog.Filter;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Tests;

public sealed class Cql2TextParserTests
{
    private static PropertyRef P(string name) => new(name);

    [Fact]
    public void Bare_property_with_colon_compares_to_a_number()
    {
        Assert.Equal(new ComparisonExpression(ComparisonOperator.Less, P("eo:cloud_cover"), new NumberLiteral(20)),
            Cql2TextParser.Parse("eo:cloud_cover < 20"));
    }

    [Fact]
    public void Between_and_equality_chain_into_one_and()
    {
        var expected = new AndExpression([
            new BetweenExpression(P("eo:cloud_cover"), new NumberLiteral(0), new NumberLiteral(50)),
            new ComparisonExpression(ComparisonOperator.Equal, P("collection"), new StringLiteral("sentinel-2-l2a")),
        ]);
        Assert.Equal(expected, Cql2TextParser.Parse("\"eo:cloud_cover\" BETWEEN 0 AND 50 AND collection = 'sentinel-2-l2a'"));
        Assert.Equal(expected, Cql2TextParser.Parse("eo:cloud_cover between 0 and 50 and collection='sentinel-2-l2a'"));
    }

    [Fact]
    public void Precedence_is_not_then_and_then_or()
    {
        var a = new ComparisonExpression(ComparisonOperator.Equal, P("a"), new NumberLiteral(1));
        var b = new ComparisonExpression(ComparisonOperator.Equal, P("b"), new NumberLiteral(2));
        var c = new ComparisonExpression(ComparisonOperator.Equal, P("c"), new NumberLiteral(3));
        Assert.Equal(new OrExpression([a, new AndExpression([new NotExpression(b), c])]), Cql2TextParser.Parse("a = 1 OR NOT b = 2 AND c = 3"));
        Assert.Equal(new AndExpression([new OrExpression([a, b]), c]), Cql2TextParser.Parse("(a = 1 OR b = 2) AND c = 3"));
    }

    [Fact]
    public void Spatial_intersects_with_wkt_polygon()
    {
        var parsed = Assert.IsType<SpatialExpression>(Cql2TextParser.Parse(
            "S_INTERSECTS(geometry, POLYGON((-10 -10, 10 -10, 10 10, -10 10, -10 -10), (-1 -1, 1 -1, 1 1, -1 1, -1 -1)))"));
        Assert.Equal(SpatialOperator.Intersects, parsed.Op);
        Assert.Equal(P("geometry"), parsed.Left);
        var polygon = Assert.IsType<PolygonShape>(Assert.IsType<GeometryLiteral>(parsed.Right).Shape);
        Assert.Equal(2, polygon.Rings.Count);
        Assert.Equal(new Envelope(-10, -10, 10, 10), polygon.Envelope);
    }

    [Theory]
    [InlineData("POINT(1 2)", "POINT (1 2)")]
    [InlineData("point z (1 2 3)", "POINT (1 2)")]
    [InlineData("LINESTRING(0 0, -1.5 2e1)", "LINESTRING (0 0, -1.5 20)")]
    [InlineData("MULTIPOINT((1 2), (3 4))", "MULTIPOINT ((1 2), (3 4))")]
    [InlineData("MULTIPOINT(1 2, 3 4)", "MULTIPOINT ((1 2), (3 4))")]
    [InlineData("MULTILINESTRING((0 0, 1 1), (2 2, 3 3))", "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))")]
    [InlineData("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))", "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")]
    [InlineData("GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))", "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))")]
    public void Wkt_literals(string wkt, string canonical)
    {
        var parsed = Assert.IsType<SpatialExpression>(Cql2TextParser.Parse($"S_INTERSECTS(geometry, {wkt})"));
        Assert.Equal(canonical, Assert.IsType<GeometryLiteral>(parsed.Right).Shape.ToString());
    }

    [Fact]
    public void Bbox_literal_and_antimeridian()
    {
        var parsed = Assert.IsType<SpatialExpression>(Cql2TextParser.Parse("S_INTERSECTS(geometry, BBOX(170, -10, -170, 10))"));
        var box = Assert.IsType<BboxLiteral>(parsed.Right);
        Assert.Equal(new BboxLiteral(170, -10, -170, 10), box);
        Assert.Equal(ShapeCollection.MultiPolygon, Assert.IsType<ShapeCollection>(box.Shape).Kind);
        Assert.Equal(new BboxLiteral(1, 2, 4, 5), Assert.IsType<SpatialExpression>(Cql2TextParser.Parse("S_INTERSECTS(geometry, BBOX(1, 2, 3, 4, 5, 6))")).Right);
    }

    [Fact]
    public void Temporal_intersects_with_open_interval()
    {
        ItemTime.TryParseInstant("2020-01-01T00:00:00Z", out var start);
        Assert.Equal(new TemporalExpression(TemporalOperator.Intersects, P("datetime"), new IntervalLiteral(new TimestampLiteral(start), null)),
            Cql2TextParser.Parse("T_INTERSECTS(datetime, INTERVAL('2020-01-01T00:00:00Z','..'))"));
    }

    [Fact]
    public void Every_temporal_operator_parses()
    {
        foreach (var name in new[] { "T_BEFORE", "T_AFTER", "T_MEETS", "T_METBY", "T_OVERLAPS", "T_OVERLAPPEDBY", "T_STARTS", "T_STARTEDBY",
                     "T_DURING", "T_CONTAINS", "T_FINISHES", "T_FINISHEDBY", "T_EQUALS", "T_DISJOINT", "T_INTERSECTS" })
            Assert.IsType<TemporalExpression>(Cql2TextParser.Parse($"{name}(datetime, DATE('2020-01-01'))"));
    }

    [Fact]
    public void In_is_null_not_like_and_functions()
    {
        Assert.Equal(new InExpression(P("id"), [new StringLiteral("a"), new StringLiteral("b")]), Cql2TextParser.Parse("id IN ('a','b')"));
        Assert.Equal(new NotExpression(new IsNullExpression(P("x"))), Cql2TextParser.Parse("NOT (x IS NULL)"));
        Assert.Equal(new NotExpression(new IsNullExpression(P("x"))), Cql2TextParser.Parse("x IS NOT NULL"));
        Assert.Equal(new LikeExpression(new CaseiFunction(P("name")), new StringLiteral("abc%")), Cql2TextParser.Parse("CASEI(name) LIKE 'abc%'"));
        Assert.Equal(new NotExpression(new LikeExpression(P("name"), new StringLiteral("a_c"))), Cql2TextParser.Parse("name NOT LIKE 'a_c'"));
        Assert.Equal(new ComparisonExpression(ComparisonOperator.Equal, new AccentiFunction(P("city")), new AccentiFunction(new StringLiteral("Zürich"))),
            Cql2TextParser.Parse("ACCENTI(city) = accenti('Zürich')"));
        Assert.Equal(new ArrayExpression(ArrayOperator.Contains, P("instruments"), new ArrayLiteral([new StringLiteral("msi")])),
            Cql2TextParser.Parse("A_CONTAINS(instruments, ('msi'))"));
    }

    [Fact]
    public void Literals_negative_numbers_booleans_and_escaped_quotes()
    {
        Assert.Equal(new ComparisonExpression(ComparisonOperator.GreaterOrEqual, P("x"), new NumberLiteral(-1.5e3)), Cql2TextParser.Parse("x >= -1.5e3"));
        Assert.Equal(new ComparisonExpression(ComparisonOperator.NotEqual, P("flag"), new BooleanLiteral(false)), Cql2TextParser.Parse("flag <> False"));
        Assert.Equal(new ComparisonExpression(ComparisonOperator.Equal, P("t"), new StringLiteral("it's")), Cql2TextParser.Parse("t = 'it''s'"));
        Assert.Equal(new ComparisonExpression(ComparisonOperator.Equal, P("a b\"c"), new NumberLiteral(1)), Cql2TextParser.Parse("\"a b\"\"c\" = 1"));
        Assert.Equal(new BooleanLiteral(true), Cql2TextParser.Parse("TRUE"));
    }

    [Theory]
    [InlineData("eo:cloud_cover < ", "position 18")]
    [InlineData("x = 1 AND", "position 10")]
    [InlineData("x == 1", "position 4")]
    [InlineData("x != 1", "use <>")]
    [InlineData("x = 'abc", "unterminated string starting at position 5")]
    [InlineData("x 1", "expected a comparison operator, LIKE, BETWEEN, IN or IS after 'x' at position 3, got '1'")]
    [InlineData("(x = 1", "expected ')' to close the parenthesis at position 7")]
    [InlineData("x = 1 y = 2", "unexpected 'y' at position 7")]
    [InlineData("FOO(x) = 1", "unknown function 'FOO' at position 1")]
    [InlineData("S_WITHIN(geometry, POINT(1 2))", "unsupported spatial operator S_WITHIN at position 1")]
    [InlineData("datetime > TIMESTAMP('2020-01-01')", "invalid timestamp '2020-01-01' at position 22")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 1)))", "not closed")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 0 0)))", "at least 4 positions")]
    [InlineData("S_INTERSECTS(geometry, POINT(200 0))", "longitude 200 is outside [-180, 180]")]
    [InlineData("S_INTERSECTS(geometry, BBOX(0, 10, 1, 5))", "south (10) is greater than north (5)")]
    [InlineData("T_INTERSECTS(datetime, INTERVAL('yesterday', '..'))", "INTERVAL start 'yesterday' at position 33")]
    [InlineData("x BETWEEN 1 OR 2", "expected AND in BETWEEN at position 13")]
    [InlineData("x = AND", "got keyword AND")]
    [InlineData("", "empty filter")]
    [InlineData("CASEI(a, b) = 'x'", "CASEI at position 1 takes 1 argument(s), got 2")]
    public void Errors_name_position_and_token(string text, string fragment)
    {
        var error = Assert.Throws<Cql2Exception>(() => Cql2TextParser.Parse(text));
        Assert.Contains(fragment, error.Message);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Text_and_json_forms_parse_to_equal_trees(string text, string json)
    {
        Assert.Equal(Cql2TextParser.Parse(text), Cql2JsonParser.Parse(JsonNode.Parse(json)));
    }

    public static TheoryData<string, string> Pairs() => new()
    {
        { "eo:cloud_cover < 20", """{"op":"<","args":[{"property":"eo:cloud_cover"},20]}""" },
        { "\"eo:cloud_cover\" BETWEEN 0 AND 50 AND collection = 'sentinel-2-l2a'",
          """{"op":"and","args":[{"op":"between","args":[{"property":"eo:cloud_cover"},0,50]},{"op":"=","args":[{"property":"collection"},"sentinel-2-l2a"]}]}""" },
        { "S_INTERSECTS(geometry, POLYGON((0 0, 10 0, 10 10, 0 10, 0 0)))",
          """{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}]}""" },
        { "S_INTERSECTS(geometry, BBOX(-10, -5, 10, 5))", """{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[-10,-5,10,5]}]}""" },
        { "T_INTERSECTS(datetime, INTERVAL('2020-01-01T00:00:00Z','..'))",
          """{"op":"t_intersects","args":[{"property":"datetime"},{"interval":["2020-01-01T00:00:00Z",".."]}]}""" },
        { "datetime >= TIMESTAMP('2021-04-08T04:39:23Z') AND updated < DATE('2021-05-01')",
          """{"op":"and","args":[{"op":">=","args":[{"property":"datetime"},{"timestamp":"2021-04-08T04:39:23Z"}]},{"op":"<","args":[{"property":"updated"},{"date":"2021-05-01"}]}]}""" },
        { "id IN ('a','b')", """{"op":"in","args":[{"property":"id"},["a","b"]]}""" },
        { "NOT (x IS NULL)", """{"op":"not","args":[{"op":"isNull","args":[{"property":"x"}]}]}""" },
        { "CASEI(name) LIKE 'abc%'", """{"op":"like","args":[{"op":"casei","args":[{"property":"name"}]},"abc%"]}""" },
        { "A_OVERLAPS(instruments, ('msi', 'oli'))", """{"op":"a_overlaps","args":[{"property":"instruments"},["msi","oli"]]}""" },
        { "a = 1 OR b = TRUE OR c <> 'x'",
          """{"op":"or","args":[{"op":"=","args":[{"property":"a"},1]},{"op":"=","args":[{"property":"b"},true]},{"op":"<>","args":[{"property":"c"},"x"]}]}""" },
        { "S_INTERSECTS(geometry, MULTIPOINT((1 2), (3 4)))",
          """{"op":"s_intersects","args":[{"property":"geometry"},{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}]}""" },
    };
}
