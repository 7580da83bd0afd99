using System.Globalization;
using Actors.Abstractions.Api;
using Actors.Grains.Membership;
using Microsoft.Data.Sqlite;

namespace Actors.Grains.Persistence.Sqlite;

/// <summary>
/// The membership table of the embedded database. A SQLite file belongs to the silo process that opened
/// it, so joining declares every other active incarnation dead: they can only be earlier runs.
/// Times are UTC round-trip strings, which order correctly as text.
/// </summary>
public sealed class SqliteMembershipTable(SqliteDatabase database) : IMembershipTable
{
    /// <inheritdoc />
    public Task JoinAsync(SiloMember member, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            UPDATE silo_membership SET status = 'dead' WHERE instance_id <> $id AND status = 'active';
            INSERT INTO silo_membership (instance_id, name, address, started_at, last_seen, status)
            VALUES ($id, $name, $address, $started, $now, 'active')
            ON CONFLICT (instance_id) DO UPDATE SET last_seen = $now, status = 'active', address = excluded.address
            """,
            c =>
            {
                c.Parameters.AddWithValue("$id", member.InstanceId);
                c.Parameters.AddWithValue("$name", member.Name);
                c.Parameters.AddWithValue("$address", member.Address);
                c.Parameters.AddWithValue("$started", Text(member.StartedAt));
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<bool> HeartbeatAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT status FROM silo_membership WHERE instance_id = $id;
            UPDATE silo_membership SET last_seen = $now, status = 'active', work_resumed_at = NULL WHERE instance_id = $id;
            """;
        command.Parameters.AddWithValue("$id", instanceId);
        command.Parameters.AddWithValue("$now", Text(DateTimeOffset.UtcNow));
        var previous = await command.ExecuteScalarAsync(cancellationToken) as string;
        return previous is null or SiloStates.Active;
    }

    /// <inheritdoc />
    public Task LeaveAsync(string instanceId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE silo_membership SET status = 'stopped', last_seen = $now WHERE instance_id = $id",
            c => c.Parameters.AddWithValue("$id", instanceId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> DeclareDeadAsync(TimeSpan deadAfter, CancellationToken cancellationToken) =>
        QueryAsync(
            "UPDATE silo_membership SET status = 'dead' WHERE status = 'active' AND last_seen < $deadline RETURNING instance_id",
            c => c.Parameters.AddWithValue("$deadline", Text(DateTimeOffset.UtcNow - deadAfter)),
            r => r.GetString(0), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindAbandonedAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT instance_id FROM silo_membership WHERE status IN ('dead', 'stopped') AND work_resumed_at IS NULL ORDER BY last_seen",
            _ => { }, r => r.GetString(0), cancellationToken);

    /// <inheritdoc />
    public Task MarkWorkResumedAsync(string instanceId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE silo_membership SET work_resumed_at = $now WHERE instance_id = $id AND status <> 'active'",
            c => c.Parameters.AddWithValue("$id", instanceId), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> IsLiveAsync(string instanceId, TimeSpan deadAfter, CancellationToken cancellationToken) =>
        (await QueryAsync(
            "SELECT 1 FROM silo_membership WHERE instance_id = $id AND status = 'active' AND last_seen >= $deadline",
            c =>
            {
                c.Parameters.AddWithValue("$id", instanceId);
                c.Parameters.AddWithValue("$deadline", Text(DateTimeOffset.UtcNow - deadAfter));
            },
            r => r.GetInt32(0), cancellationToken)).Count > 0;

    /// <inheritdoc />
    public Task<IReadOnlyList<SiloMember>> ListAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT instance_id, name, address, started_at, last_seen, status FROM silo_membership ORDER BY started_at DESC",
            _ => { },
            r => new SiloMember(r.GetString(0), r.GetString(1), r.GetString(2), Parse(r.GetString(3)), Parse(r.GetString(4)), r.GetString(5)),
            cancellationToken);

    private static string Text(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private async Task ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$now", Text(DateTimeOffset.UtcNow));
        bind(command);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }
}
