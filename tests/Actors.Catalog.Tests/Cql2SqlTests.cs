using Actors.Catalog.Filter;

namespace Actors.Catalog.Tests;

public sealed class Cql2SqlTests
{
    private static (SqlCondition Condition, List<object?> Values) Translate(string filter, SqlDialect dialect = SqlDialect.Sqlite)
    {
        var values = new List<object?>();
        var condition = Cql2Sql.Translate(Cql2TextParser.Parse(filter), dialect, v => { values.Add(v); return $"$p{values.Count}"; });
        return (condition, values);
    }

    [Fact]
    public void Parameters_are_bound_in_the_order_they_appear()
    {
        var (condition, values) = Translate("T_OVERLAPPEDBY(datetime, INTERVAL('2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z')) AND id = 'x'");
        Assert.Equal("(($p1 < i.dt_start AND i.dt_start < $p2 AND $p3 < i.dt_end) AND i.id = $p4)", condition.Sql);
        Assert.Equal(new object?[] { 1577836800000L, 1577923200000L, 1577923200000L, "x" }, values);
        Assert.True(condition.Exact);
    }

    [Fact]
    public void Not_over_a_superset_selects_everything()
    {
        var (condition, _) = Translate("NOT S_INTERSECTS(geometry, BBOX(0, 0, 1, 1))");
        Assert.Equal(new SqlCondition("1=1", false), condition);
        var (exact, _) = Translate("NOT eo:cloud_cover < 5");
        Assert.StartsWith("NOT COALESCE((", exact.Sql);
        Assert.True(exact.Exact);
    }

    [Fact]
    public void Postgres_orders_strings_by_code_point_and_guards_casts()
    {
        var (condition, values) = Translate("platform < 'b' AND gsd >= 10 AND flag = true", SqlDialect.Postgres);
        Assert.Contains("END) COLLATE \"C\" < $p1", condition.Sql);
        Assert.Contains("CASE WHEN jsonb_typeof(i.document->'properties'->'gsd') = 'number' THEN (i.document->'properties'->>'gsd')::double precision END", condition.Sql);
        Assert.Contains("CASE WHEN jsonb_typeof(i.document->'properties'->'flag') = 'boolean' THEN (i.document->'properties'->'flag')::boolean END", condition.Sql);
        Assert.Equal(new object?[] { "b", 10.0, true }, values);
    }

    [Fact]
    public void Like_becomes_glob_on_sqlite_and_escaped_like_on_postgres()
    {
        Assert.Equal(new object?[] { "a?[*]*\\" }, Translate("id LIKE 'a_*%\\'").Values);
        Assert.Equal(new object?[] { "a_*%\\\\" }, Translate("id LIKE 'a_*%\\'", SqlDialect.Postgres).Values);
        Assert.Equal(new object?[] { "50\\%" }, Translate("id LIKE '50\\%'", SqlDialect.Postgres).Values);
    }

    [Fact]
    public void Property_names_are_quoted_not_injected()
    {
        var (sqlite, _) = Translate("\"it's\" = 1");
        Assert.Contains("'$.properties.\"it''s\"'", sqlite.Sql);
        var (pg, _) = Translate("\"it's\" = 1", SqlDialect.Postgres);
        Assert.Contains("->'it''s'", pg.Sql);
        Assert.Equal(new SqlCondition("1=1", false), Translate("\"a\"\"b\" = 1").Condition); // SQLite cannot address it: post-filter
    }

    [Fact]
    public void Constant_parts_fold()
    {
        Assert.Equal(new SqlCondition("1=0", true), Translate("1 > 2").Condition);
        Assert.Equal(new SqlCondition("1=1", true), Translate("A_CONTAINS(('a', 'b'), ('a'))").Condition);
    }
}
