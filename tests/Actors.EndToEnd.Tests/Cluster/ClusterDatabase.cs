using Npgsql;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>Read-only questions the cluster tests ask the shared PostgreSQL database directly.</summary>
public sealed class ClusterDatabase(string connectionString)
{
    /// <summary>Grains of <paramref name="kind"/> per status.</summary>
    public async Task<Dictionary<string, long>> CountByStatusAsync(string kind) =>
        (await QueryAsync("SELECT status, count(*) FROM grain_state WHERE kind = @kind GROUP BY status",
            c => c.Parameters.AddWithValue("kind", kind), r => (r.GetString(0), r.GetInt64(1)))).ToDictionary(x => x.Item1, x => x.Item2);

    /// <summary>Completed products so far (0 before the schema exists).</summary>
    public async Task<long> CompletedProductsAsync()
    {
        try
        {
            return (await CountByStatusAsync("product")).GetValueOrDefault("completed");
        }
        catch (PostgresException e) when (e.SqlState == "42P01")
        {
            return 0;
        }
    }

    /// <summary>Each product grain's key, computations and the silo that computed it.</summary>
    public Task<List<(string Key, int Computations, string? ComputedBy)>> ProductsAsync() =>
        QueryAsync(
            "SELECT key, (state->>'computations')::int, state->>'computedBy' FROM grain_state WHERE kind = 'product'",
            _ => { }, r => (r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2)));

    /// <summary>STAC items per collection.</summary>
    public async Task<Dictionary<string, long>> CatalogCountsAsync() =>
        (await QueryAsync("SELECT collection_id, count(*) FROM stac_item GROUP BY collection_id", _ => { },
            r => (r.GetString(0), r.GetInt64(1)))).ToDictionary(x => x.Item1, x => x.Item2);

    private async Task<List<T>> QueryAsync<T>(string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
