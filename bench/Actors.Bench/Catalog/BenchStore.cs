using System.Data.Common;
using System.Globalization;
using Actors.Grains.Catalog;
using Actors.Grains.Persistence.Postgres;
using Actors.Grains.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Actors.Bench.Catalog;

/// <summary>
/// A fresh, empty catalog store for one size of the benchmark: a new SQLite file in a folder of its own, or a new
/// PostgreSQL database, dropped (or deleted) again on dispose. Besides the store it gives plain connections to the
/// same database, for the LIMIT/OFFSET peer and for statistics.
/// </summary>
public abstract class BenchStore : IAsyncDisposable
{
    /// <summary>The store's short name: <c>sqlite</c> or <c>postgres</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The store, as the silo uses it.</summary>
    public abstract IStacCatalog Catalog { get; }

    /// <summary>Creates a fresh store named <paramref name="name"/> for <paramref name="size"/> items.</summary>
    public static async Task<BenchStore> CreateAsync(string name, int size, CatalogOptions options, CancellationToken cancellationToken) => name switch
    {
        "sqlite" => SqliteBenchStore.Create(options.WorkDirectory, size),
        "postgres" => await PostgresBenchStore.CreateAsync(options.Postgres, size, cancellationToken),
        _ => throw new ArgumentException($"Unknown store {name}."),
    };

    /// <summary>A plain open connection to the store's database (pooled, like the store's own).</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The documents of one page of the collection in the default order, by LIMIT/OFFSET (the design keyset tokens replaced).</summary>
    public async Task<IReadOnlyList<string>> OffsetPageAsync(string collection, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"SELECT {DocumentColumn} FROM stac_item WHERE collection_id = {Parameter("c")} ORDER BY dt_start DESC, collection_id, id LIMIT {limit} OFFSET {offset}");
        var parameter = command.CreateParameter();
        parameter.ParameterName = Parameter("c");
        parameter.Value = collection;
        command.Parameters.Add(parameter);
        var documents = new List<string>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) documents.Add(reader.GetString(0));
        return documents;
    }

    /// <summary>Brings the planner's statistics up to date after the load, as autovacuum would (PostgreSQL only; the application never runs ANALYZE on SQLite).</summary>
    public virtual Task AnalyzeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Bytes the store takes on disk (tables and indexes).</summary>
    public abstract Task<long> SizeOnDiskAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>The select expression of the document as text.</summary>
    protected abstract string DocumentColumn { get; }

    /// <summary>A parameter's name in the store's SQL.</summary>
    protected abstract string Parameter(string name);

    private sealed class SqliteBenchStore(string directory, string path) : BenchStore
    {
        private readonly string _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        private readonly SqliteStacCatalog _catalog = new(new SqliteDatabase(path));

        public static SqliteBenchStore Create(string workDirectory, int size)
        {
            var directory = Path.Combine(workDirectory, string.Create(CultureInfo.InvariantCulture, $"sqlite-{size}-{Environment.ProcessId}"));
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            Directory.CreateDirectory(directory);
            return new SqliteBenchStore(directory, Path.Combine(directory, "catalog.db"));
        }

        public override string Name => "sqlite";

        public override IStacCatalog Catalog => _catalog;

        protected override string DocumentColumn => "document";

        protected override string Parameter(string name) => "$" + name;

        public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            // The pragmas the store sets on each connection it opens.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }

        public override Task<long> SizeOnDiskAsync(CancellationToken cancellationToken) =>
            Task.FromResult(Directory.EnumerateFiles(directory).Sum(f => new FileInfo(f).Length));

        public override ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresBenchStore : BenchStore
    {
        private readonly string _server;
        private readonly string _database;
        private readonly PostgresDatabase _store;
        private readonly NpgsqlDataSource _plain;

        private PostgresBenchStore(string server, string database)
        {
            _server = server;
            _database = database;
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            _store = new PostgresDatabase(connectionString);
            Catalog = new PostgresStacCatalog(_store);
            _plain = NpgsqlDataSource.Create(_store.ConnectionString);
        }

        public static async Task<PostgresBenchStore> CreateAsync(string server, int size, CancellationToken cancellationToken)
        {
            var database = string.Create(CultureInfo.InvariantCulture, $"eo_bench_catalog_{size}");
            // FORCE: an aborted earlier run may have left it behind with connections open.
            await ExecuteOnServerAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", cancellationToken);
            await ExecuteOnServerAsync(server, $"CREATE DATABASE {database}", cancellationToken);
            return new PostgresBenchStore(server, database);
        }

        public override string Name => "postgres";

        public override IStacCatalog Catalog { get; }

        protected override string DocumentColumn => "document::text";

        protected override string Parameter(string name) => "@" + name;

        public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _plain.OpenConnectionAsync(cancellationToken);

        public override async Task AnalyzeAsync(CancellationToken cancellationToken)
        {
            await using var connection = await _plain.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("VACUUM ANALYZE stac_item", connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public override async Task<long> SizeOnDiskAsync(CancellationToken cancellationToken)
        {
            await using var connection = await _plain.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_total_relation_size('stac_item')", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        public override async ValueTask DisposeAsync()
        {
            await _plain.DisposeAsync();
            await _store.DisposeAsync();
            try
            {
                await ExecuteOnServerAsync(_server, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", CancellationToken.None);
            }
            catch (NpgsqlException e)
            {
                Console.Error.WriteLine($"warning: dropping database {_database} failed: {e.Message}");
            }
        }

        private static async Task ExecuteOnServerAsync(string server, string sql, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
