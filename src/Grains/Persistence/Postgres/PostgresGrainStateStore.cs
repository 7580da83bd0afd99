using System.Text.Json;
using Actors.Grains.Runtime;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Grains.Persistence.Postgres;

/// <summary>Grain state in PostgreSQL; the version column is the ETag every silo's write must present.</summary>
public sealed class PostgresGrainStateStore(PostgresDatabase database) : IGrainStateStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async Task<StoredGrain<TState>?> ReadAsync<TState>(string kind, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT version, state::text, updated_at, owner FROM grain_state WHERE kind = @kind AND key = @key", connection);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var state = JsonSerializer.Deserialize<TState>(reader.GetString(1), Json)
            ?? throw new InvalidDataException($"{kind} '{key}' has empty state.");
        return new StoredGrain<TState>(key, reader.GetInt64(0), state, reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    /// <inheritdoc />
    public async Task<long> WriteAsync<TState>(
        string kind, string key, TState state, string status, string? owner, long expectedVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(expectedVersion == 0
            ? """
              INSERT INTO grain_state (kind, key, version, status, owner, state, updated_at)
              VALUES (@kind, @key, 1, @status, @owner, @state, now())
              ON CONFLICT (kind, key) DO NOTHING
              """
            : """
              UPDATE grain_state SET version = version + 1, status = @status, owner = @owner, state = @state, updated_at = now()
              WHERE kind = @kind AND key = @key AND version = @expected
              """, connection);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("owner", (object?)owner ?? DBNull.Value);
        command.Parameters.AddWithValue("state", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(state, Json));
        command.Parameters.AddWithValue("expected", expectedVersion);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            throw new GrainConcurrencyException(kind, key, expectedVersion);
        return expectedVersion + 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FindAsync(string kind, IReadOnlyCollection<string> statuses, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT key FROM grain_state WHERE kind = @kind AND status = ANY(@statuses) ORDER BY updated_at", connection);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("statuses", statuses.ToArray());
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) keys.Add(reader.GetString(0));
        return keys;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GrainRef>> FindHeldByAsync(string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT kind, key FROM grain_state WHERE owner = @owner ORDER BY updated_at", connection);
        command.Parameters.AddWithValue("owner", owner);
        var grains = new List<GrainRef>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) grains.Add(new GrainRef(reader.GetString(0), reader.GetString(1)));
        return grains;
    }
}
