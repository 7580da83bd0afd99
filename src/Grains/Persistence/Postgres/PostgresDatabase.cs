using Npgsql;

namespace Actors.Grains.Persistence.Postgres;

/// <summary>
/// The cluster database: one PostgreSQL database shared by every silo. Creates its schema on first use
/// (idempotent, so silos may start together).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>A database over <paramref name="connectionString"/>.</summary>
    public PostgresDatabase(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>An open connection, schema ensured.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady) await EnsureSchemaAsync(cancellationToken);
        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    // Not a cached task: a server that was down at the first attempt must not poison every later one.
    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady) return;
            await CreateSchemaAsync(cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A transaction-scoped advisory lock serialises schema creation between silos starting at the same moment
        // and is released however the transaction ends.
        command.CommandText = """
            BEGIN;
            SELECT pg_advisory_xact_lock(4242);
            CREATE TABLE IF NOT EXISTS grain_state (
                kind TEXT NOT NULL,
                key TEXT NOT NULL,
                version BIGINT NOT NULL,
                status TEXT NOT NULL,
                owner TEXT NULL,
                state JSONB NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (kind, key)
            );
            CREATE INDEX IF NOT EXISTS grain_state_status ON grain_state (kind, status);
            CREATE INDEX IF NOT EXISTS grain_state_owner ON grain_state (owner) WHERE owner IS NOT NULL;
            CREATE TABLE IF NOT EXISTS silo_membership (
                instance_id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                address TEXT NOT NULL,
                started_at TIMESTAMPTZ NOT NULL,
                last_seen TIMESTAMPTZ NOT NULL,
                status TEXT NOT NULL,
                work_resumed_at TIMESTAMPTZ NULL
            );
            CREATE TABLE IF NOT EXISTS stac_collection (
                id TEXT PRIMARY KEY,
                document JSONB NOT NULL
            );
            CREATE TABLE IF NOT EXISTS stac_item (
                collection_id TEXT NOT NULL REFERENCES stac_collection (id),
                id TEXT NOT NULL,
                document JSONB NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (collection_id, id)
            );
            COMMIT;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _schemaLock.Dispose();
    }
}
