using Npgsql;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>
/// Read-only questions the cluster tests ask the shared PostgreSQL database directly: Orleans' ADO.NET
/// grain storage (<c>OrleansStorage</c>), its reminders table and the STAC catalog.
/// </summary>
public sealed class ClusterDatabase(string connectionString)
{
    /// <summary>The storage rows of scene grains (Orleans writes the grain's state name as its type).</summary>
    public const string Scenes = "scene";

    /// <summary>The storage rows of product grains.</summary>
    public const string Products = "product";

    // The grain storage serializer writes UTF-8 JSON (web defaults, so camelCase); a row without a payload is a
    // cleared state. The string key of a grain is its id's extension.
    private const string StateRows =
        "SELECT grainidextensionstring AS key, convert_from(payloadbinary, 'UTF8')::jsonb AS state " +
        "FROM orleansstorage WHERE graintypestring = @kind AND payloadbinary IS NOT NULL";

    /// <summary>Grains of <paramref name="kind"/> (<see cref="Scenes"/>, <see cref="Products"/>) per status.</summary>
    public async Task<Dictionary<string, long>> CountByStatusAsync(string kind) =>
        (await QueryAsync($"SELECT state->>'status', count(*) FROM ({StateRows}) s GROUP BY 1",
            c => c.Parameters.AddWithValue("kind", kind), r => (r.GetString(0), r.GetInt64(1)))).ToDictionary(x => x.Item1, x => x.Item2);

    /// <summary>Completed products so far (0 before the silos have created the schema).</summary>
    public async Task<long> CompletedProductsAsync()
    {
        try
        {
            return (await CountByStatusAsync(Products)).GetValueOrDefault("completed");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>Each product grain's key, computations and the silo that computed it last.</summary>
    public Task<List<(string Key, int Computations, string? ComputedBy)>> ProductsAsync() =>
        QueryAsync(
            $"SELECT key, (state->>'computations')::int, state->>'computedBy' FROM ({StateRows}) s",
            c => c.Parameters.AddWithValue("kind", Products), r => (r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2)));

    /// <summary>The products in <paramref name="status"/> (e.g. <c>running</c>) and the silo that computes or computed them.</summary>
    public Task<List<(string Key, string? ComputedBy)>> ProductsInStatusAsync(string status) =>
        QueryAsync($"SELECT key, state->>'computedBy' FROM ({StateRows}) s WHERE state->>'status' = @status",
            c => { c.Parameters.AddWithValue("kind", Products); c.Parameters.AddWithValue("status", status); },
            r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)));

    /// <summary>
    /// The reminders still registered (grain id and reminder name). Every unfinished scene and product holds
    /// one and drops it once its work is done, so none left means no work is pending anywhere in the cluster.
    /// </summary>
    public Task<List<(string GrainId, string Name)>> OpenRemindersAsync() =>
        QueryAsync("SELECT grainid, remindername FROM orleansreminderstable ORDER BY grainid", _ => { },
            r => (r.GetString(0), r.GetString(1)));

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
