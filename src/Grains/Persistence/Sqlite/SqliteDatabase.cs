using Microsoft.Data.Sqlite;

namespace Actors.Grains.Persistence.Sqlite;

/// <summary>
/// The embedded database: one SQLite file holding the Orleans grain state, the reminders and the STAC
/// catalog (see <see cref="SqliteCatalogSchema"/>), in WAL mode with full sync so a committed write survives SIGKILL. Creates its schema on first use.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Opens (or creates) the database file at <paramref name="path"/>, creating its directory.</summary>
    public SqliteDatabase(string path)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>An open connection, schema ensured.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken);
        }

        return await OpenRawAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // A gate rather than a cached Lazy<Task>: a cancelled or failed first attempt must not poison every later caller.
    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var connection = await OpenRawAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS orleans_grain_state (
                    provider TEXT NOT NULL,
                    state_name TEXT NOT NULL,
                    grain_id TEXT NOT NULL,
                    etag TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (provider, state_name, grain_id)
                );
                CREATE TABLE IF NOT EXISTS orleans_reminder (
                    grain_id TEXT NOT NULL,
                    reminder_name TEXT NOT NULL,
                    grain_hash INTEGER NOT NULL,
                    start_time TEXT NOT NULL,
                    period_ms INTEGER NOT NULL,
                    etag TEXT NOT NULL,
                    PRIMARY KEY (grain_id, reminder_name)
                );
                CREATE INDEX IF NOT EXISTS orleans_reminder_grain_hash ON orleans_reminder (grain_hash);
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
            await SqliteCatalogSchema.EnsureAsync(connection, cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
