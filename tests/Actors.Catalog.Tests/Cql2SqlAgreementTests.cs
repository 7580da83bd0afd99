using System.Text.Json.Nodes;
using Actors.Catalog.Filter;
using Microsoft.Data.Sqlite;

namespace Actors.Catalog.Tests;

/// <summary>An in-memory SQLite items table with the corpus loaded, shared by the agreement tests.</summary>
public sealed class SqliteCorpusFixture : IDisposable
{
    public SqliteCorpusFixture()
    {
        Connection = new SqliteConnection("Data Source=:memory:");
        Connection.Open();
        using (var create = Connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE items (id TEXT NOT NULL PRIMARY KEY, collection_id TEXT, document TEXT NOT NULL,
                    dt_start BIGINT, dt_end BIGINT, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE)
                """;
            create.ExecuteNonQuery();
        }
        foreach (var item in Items)
        {
            var row = Cql2Corpus.ToRow(item);
            using var insert = Connection.CreateCommand();
            insert.CommandText = "INSERT INTO items VALUES ($id, $c, $d, $s, $e, $x0, $y0, $x1, $y1)";
            insert.Parameters.AddWithValue("$id", row.Id);
            insert.Parameters.AddWithValue("$c", (object?)row.Collection ?? DBNull.Value);
            insert.Parameters.AddWithValue("$d", row.Document);
            insert.Parameters.AddWithValue("$s", (object?)row.DtStart ?? DBNull.Value);
            insert.Parameters.AddWithValue("$e", (object?)row.DtEnd ?? DBNull.Value);
            insert.Parameters.AddWithValue("$x0", (object?)row.MinX ?? DBNull.Value);
            insert.Parameters.AddWithValue("$y0", (object?)row.MinY ?? DBNull.Value);
            insert.Parameters.AddWithValue("$x1", (object?)row.MaxX ?? DBNull.Value);
            insert.Parameters.AddWithValue("$y1", (object?)row.MaxY ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<JsonObject> Items { get; } = Cql2Corpus.Items();

    public SqliteConnection Connection { get; }

    /// <summary>Ids (and documents) of the rows the condition selects.</summary>
    public List<(string Id, JsonObject Item)> Select(Cql2Expression filter, out SqlCondition condition)
    {
        using var command = Connection.CreateCommand();
        var n = 0;
        condition = Cql2Sql.Translate(filter, SqlDialect.Sqlite, value =>
        {
            var name = $"$p{++n}";
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            return name;
        });
        command.CommandText = $"SELECT i.id, i.document FROM items i WHERE {condition.Sql}";
        var rows = new List<(string, JsonObject)>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add((reader.GetString(0), JsonNode.Parse(reader.GetString(1))!.AsObject()));
        return rows;
    }

    public void Dispose() => Connection.Dispose();
}

/// <summary>SQL on SQLite, post-filtered by the evaluator when inexact, returns exactly what the evaluator accepts.</summary>
public sealed class Cql2SqlAgreementTests(SqliteCorpusFixture fixture) : IClassFixture<SqliteCorpusFixture>
{
    public static IEnumerable<object[]> Cases() => Cql2Corpus.Cases.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sql_agrees_with_the_evaluator(Cql2Corpus.Case testCase)
    {
        var filter = testCase.Parse();
        var rows = fixture.Select(filter, out var condition);
        Cql2Corpus.AssertAgrees(testCase, filter, fixture.Items, rows, condition);
    }

    [Fact]
    public void Random_combinations_agree()
    {
        var failures = new List<string>();
        foreach (var filter in Cql2Corpus.Combinations(300))
        {
            var rows = fixture.Select(filter, out var condition);
            if (!Cql2Corpus.Agrees(filter, fixture.Items, rows, condition)) failures.Add($"{filter}\n  SQL: {condition.Sql}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
    }

    [Fact]
    public void The_corpus_discriminates()
    {
        // A filter matching nothing or everything checks little; most must split the corpus.
        var trivial = Cql2Corpus.Cases.Where(c =>
        {
            var filter = c.Parse();
            var count = fixture.Items.Count(i => Cql2Evaluator.Matches(filter, i));
            return count == 0 || count == fixture.Items.Count;
        }).Select(c => c.Filter).ToList();
        Assert.True(Cql2Corpus.Cases.Count >= 40 && fixture.Items.Count >= 55);
        // TRUE and "flag < true" (booleans have no order) are trivial on purpose.
        Assert.True(trivial.Count <= 2, "filters that do not split the corpus: " + string.Join(" | ", trivial));
    }
}
