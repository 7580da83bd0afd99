using System.Globalization;
using System.Text.Json;
using Actors.Grains.Runtime;
using Microsoft.Data.Sqlite;

namespace Actors.Grains.Persistence.Sqlite;

/// <summary>Grain state in SQLite; the version column is the ETag checked on every write.</summary>
public sealed class SqliteGrainStateStore(SqliteDatabase database) : IGrainStateStore
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async Task<StoredGrain<TState>?> ReadAsync<TState>(string kind, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, state, updated_at, owner FROM grain_state WHERE kind = $kind AND key = $key";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var state = JsonSerializer.Deserialize<TState>(reader.GetString(1), Json)
            ?? throw new InvalidDataException($"{kind} '{key}' has empty state.");
        return new StoredGrain<TState>(key, reader.GetInt64(0), state,
            DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
            reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    /// <inheritdoc />
    public async Task<long> WriteAsync<TState>(
        string kind, string key, TState state, string status, string? owner, long expectedVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = expectedVersion == 0
            ? """
              INSERT INTO grain_state (kind, key, version, status, owner, state, updated_at)
              VALUES ($kind, $key, 1, $status, $owner, $state, $now)
              ON CONFLICT (kind, key) DO NOTHING
              """
            : """
              UPDATE grain_state SET version = version + 1, status = $status, owner = $owner, state = $state, updated_at = $now
              WHERE kind = $kind AND key = $key AND version = $expected
              """;
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$owner", (object?)owner ?? DBNull.Value);
        command.Parameters.AddWithValue("$state", JsonSerializer.Serialize(state, Json));
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$expected", expectedVersion);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            throw new GrainConcurrencyException(kind, key, expectedVersion);
        return expectedVersion + 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FindAsync(string kind, IReadOnlyCollection<string> statuses, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = statuses.Select((_, i) => "$s" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        command.CommandText = $"SELECT key FROM grain_state WHERE kind = $kind AND status IN ({string.Join(", ", names)}) ORDER BY updated_at";
        command.Parameters.AddWithValue("$kind", kind);
        foreach (var (name, status) in names.Zip(statuses)) command.Parameters.AddWithValue(name, status);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) keys.Add(reader.GetString(0));
        return keys;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GrainRef>> FindHeldByAsync(string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, key FROM grain_state WHERE owner = $owner ORDER BY updated_at";
        command.Parameters.AddWithValue("$owner", owner);
        var grains = new List<GrainRef>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) grains.Add(new GrainRef(reader.GetString(0), reader.GetString(1)));
        return grains;
    }
}
