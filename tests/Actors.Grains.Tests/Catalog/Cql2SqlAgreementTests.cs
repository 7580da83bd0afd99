using System.Text.Json.Nodes;
using Actors.Catalog.Filter;
using Actors.Catalog.Tests;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Grains.Tests.Catalog;

/// <summary>A fresh PostgreSQL database with the CQL2 corpus in an items table whose document is jsonb.</summary>
public sealed class PostgresCorpusFixture : IAsyncLifetime
{
    private readonly PostgresFixture _database = new();

    public IReadOnlyList<JsonObject> Items { get; } = Cql2Corpus.Items();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        // The text columns get a linguistic collation, as a real database may have, so that the COLLATE "C" the
        // translation adds is what makes string order agree with the evaluator's code-point order.
        await using (var create = DataSource.CreateCommand("""
            CREATE TABLE items (id text COLLATE "und-x-icu" NOT NULL PRIMARY KEY, collection_id text COLLATE "und-x-icu", document jsonb NOT NULL,
                dt_start bigint, dt_end bigint, min_x double precision, min_y double precision,
                max_x double precision, max_y double precision)
            """))
            await create.ExecuteNonQueryAsync();
        foreach (var item in Items)
        {
            var row = Cql2Corpus.ToRow(item);
            await using var insert = DataSource.CreateCommand("INSERT INTO items VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
            insert.Parameters.Add(new NpgsqlParameter { Value = row.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.Collection ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.Document, NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.DtStart ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.DtEnd ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            foreach (var bound in new[] { row.MinX, row.MinY, row.MaxX, row.MaxY })
                insert.Parameters.Add(new NpgsqlParameter { Value = (object?)bound ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double });
            await insert.ExecuteNonQueryAsync();
        }
    }

    public async Task<(List<(string Id, JsonObject Item)> Rows, SqlCondition Condition)> SelectAsync(Cql2Expression filter)
    {
        var parameters = new List<NpgsqlParameter>();
        var condition = Cql2Sql.Translate(filter, SqlDialect.Postgres, value =>
        {
            parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            return $"${parameters.Count}";
        });
        await using var command = DataSource.CreateCommand($"SELECT i.id, i.document::text FROM items i WHERE {condition.Sql}");
        command.Parameters.AddRange(parameters.ToArray());
        var rows = new List<(string, JsonObject)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), JsonNode.Parse(reader.GetString(1))!.AsObject()));
        return (rows, condition);
    }

    public async Task DisposeAsync()
    {
        if (DataSource is not null) await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>SQL on PostgreSQL (jsonb documents), post-filtered by the evaluator when inexact, returns exactly what the evaluator accepts.</summary>
public sealed class Cql2SqlAgreementTests(PostgresCorpusFixture fixture) : IClassFixture<PostgresCorpusFixture>
{
    public static IEnumerable<object[]> Cases() => Cql2Corpus.Cases.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Postgres_sql_agrees_with_the_evaluator(Cql2Corpus.Case testCase)
    {
        var filter = testCase.Parse();
        var (rows, condition) = await fixture.SelectAsync(filter);
        Cql2Corpus.AssertAgrees(testCase, filter, fixture.Items, rows, condition);
    }

    [Fact]
    public async Task Random_combinations_agree_on_postgres()
    {
        var failures = new List<string>();
        foreach (var filter in Cql2Corpus.Combinations(300))
        {
            var (rows, condition) = await fixture.SelectAsync(filter);
            if (!Cql2Corpus.Agrees(filter, fixture.Items, rows, condition)) failures.Add($"{filter}\n  SQL: {condition.Sql}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
    }
}
