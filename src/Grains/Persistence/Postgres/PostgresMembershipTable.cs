using Actors.Abstractions.Api;
using Actors.Grains.Membership;
using Npgsql;

namespace Actors.Grains.Persistence.Postgres;

/// <summary>The membership table in the cluster database; heartbeats and deadlines use the server's clock (<c>now()</c>).</summary>
public sealed class PostgresMembershipTable(PostgresDatabase database) : IMembershipTable
{
    /// <inheritdoc />
    public Task JoinAsync(SiloMember member, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            UPDATE silo_membership SET status = 'dead' WHERE name = @name AND instance_id <> @id AND status = 'active';
            INSERT INTO silo_membership (instance_id, name, address, started_at, last_seen, status)
            VALUES (@id, @name, @address, @started, now(), 'active')
            ON CONFLICT (instance_id) DO UPDATE SET last_seen = now(), status = 'active', address = excluded.address
            """,
            c =>
            {
                c.Parameters.AddWithValue("id", member.InstanceId);
                c.Parameters.AddWithValue("name", member.Name);
                c.Parameters.AddWithValue("address", member.Address);
                c.Parameters.AddWithValue("started", member.StartedAt);
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<bool> HeartbeatAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // The old status comes from a self-join on the row as it was before this update.
        await using var command = new NpgsqlCommand(
            """
            UPDATE silo_membership m SET last_seen = now(), status = 'active', work_resumed_at = NULL
            FROM silo_membership old WHERE m.instance_id = @id AND old.instance_id = m.instance_id
            RETURNING old.status
            """, connection);
        command.Parameters.AddWithValue("id", instanceId);
        var previous = await command.ExecuteScalarAsync(cancellationToken) as string;
        return previous is null or SiloStates.Active;
    }

    /// <inheritdoc />
    public Task LeaveAsync(string instanceId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE silo_membership SET status = 'stopped', last_seen = now() WHERE instance_id = @id",
            c => c.Parameters.AddWithValue("id", instanceId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> DeclareDeadAsync(TimeSpan deadAfter, CancellationToken cancellationToken) =>
        QueryIdsAsync(
            """
            UPDATE silo_membership SET status = 'dead'
            WHERE status = 'active' AND last_seen < now() - make_interval(secs => @seconds)
            RETURNING instance_id
            """,
            c => c.Parameters.AddWithValue("seconds", deadAfter.TotalSeconds), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindAbandonedAsync(CancellationToken cancellationToken) =>
        QueryIdsAsync("SELECT instance_id FROM silo_membership WHERE status IN ('dead', 'stopped') AND work_resumed_at IS NULL ORDER BY last_seen",
            _ => { }, cancellationToken);

    /// <inheritdoc />
    public Task MarkWorkResumedAsync(string instanceId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE silo_membership SET work_resumed_at = now() WHERE instance_id = @id AND status <> 'active'",
            c => c.Parameters.AddWithValue("id", instanceId), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> IsLiveAsync(string instanceId, TimeSpan deadAfter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT 1 FROM silo_membership WHERE instance_id = @id AND status = 'active' AND last_seen >= now() - make_interval(secs => @seconds)",
            connection);
        command.Parameters.AddWithValue("id", instanceId);
        command.Parameters.AddWithValue("seconds", deadAfter.TotalSeconds);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SiloMember>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT instance_id, name, address, started_at, last_seen, status FROM silo_membership ORDER BY started_at DESC", connection);
        var members = new List<SiloMember>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            members.Add(new SiloMember(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5)));
        return members;
    }

    private async Task ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<string>> QueryIdsAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return ids;
    }
}
