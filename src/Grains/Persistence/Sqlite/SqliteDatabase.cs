using Actors.Grains.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Persistence.Sqlite;

/// <summary>
/// The embedded database: one SQLite file in the data folder, in WAL mode with full sync so a
/// committed turn survives SIGKILL. Creates its schema on first use.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly Lazy<Task> _schema;

    /// <summary>Opens (or creates) <c>{DataDirectory}/silo.db</c>.</summary>
    public SqliteDatabase(IOptions<SiloOptions> options)
    {
        Directory.CreateDirectory(options.Value.DataPath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.Value.DataPath, "silo.db"),
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _schema = new Lazy<Task>(CreateSchemaAsync);
    }

    /// <summary>An open connection, schema ensured.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.Value;
        return await OpenRawAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await OpenRawAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS grain_state (
                kind TEXT NOT NULL,
                key TEXT NOT NULL,
                version INTEGER NOT NULL,
                status TEXT NOT NULL,
                owner TEXT NULL,
                state TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (kind, key)
            );
            CREATE INDEX IF NOT EXISTS grain_state_status ON grain_state (kind, status);
            CREATE INDEX IF NOT EXISTS grain_state_owner ON grain_state (owner) WHERE owner IS NOT NULL;
            CREATE TABLE IF NOT EXISTS silo_membership (
                instance_id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                address TEXT NOT NULL,
                started_at TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                status TEXT NOT NULL,
                work_resumed_at TEXT NULL
            );
            CREATE TABLE IF NOT EXISTS stac_collection (
                id TEXT PRIMARY KEY,
                document TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS stac_item (
                collection_id TEXT NOT NULL REFERENCES stac_collection (id),
                id TEXT NOT NULL,
                document TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (collection_id, id)
            );
            """;
        await command.ExecuteNonQueryAsync();
    }
}
