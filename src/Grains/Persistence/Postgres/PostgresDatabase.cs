using Npgsql;

namespace Actors.Grains.Persistence.Postgres;

/// <summary>
/// The cluster database: one PostgreSQL database shared by every silo. Creates its schema on first use
/// (idempotent, so silos may start together).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly Lazy<Task> _schema;

    /// <summary>A database over <paramref name="connectionString"/>.</summary>
    public PostgresDatabase(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _schema = new Lazy<Task>(CreateSchemaAsync);
    }

    /// <summary>An open connection, schema ensured.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.Value;
        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        // An advisory lock serialises schema creation between silos starting at the same moment.
        command.CommandText = """
            SELECT pg_advisory_lock(4242);
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
            SELECT pg_advisory_unlock(4242);
            """;
        await command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
