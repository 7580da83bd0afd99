using System.Data.Common;
using Npgsql;

namespace Actors.Grains.Persistence.Postgres;

/// <summary>
/// The cluster database: one PostgreSQL database shared by every silo, holding the Orleans ADO.NET provider tables and
/// the STAC catalog. Brings its schema up to date on first use (see <see cref="PostgresSchema"/>).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>
    /// The <c>Maximum Pool Size</c> used when the connection string sets none. Npgsql's own default is 100 per pool,
    /// and each silo holds several pools against this database (this data source, plus the one the Orleans ADO.NET
    /// providers open from <see cref="ConnectionString"/>); a few silos at 100 each would exhaust a server's
    /// <c>max_connections</c> (100 by default) and fail connections cluster-wide under load instead of queueing them
    /// in the pool. 20 keeps several silos times several pools under that limit.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>A database over <paramref name="connectionString"/>, capped at <see cref="DefaultMaxPoolSize"/> connections per pool unless it says otherwise.</summary>
    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!SetsMaxPoolSize(connectionString)) builder.MaxPoolSize = DefaultMaxPoolSize;
        ConnectionString = builder.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>The effective connection string, pool cap included; give this one to the Orleans ADO.NET providers.</summary>
    public string ConnectionString { get; }

    /// <summary>An open connection, schema ensured.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady) await MigrateAsync(cancellationToken);
        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>
    /// Brings the schema up to date; a no-op once done by this instance. Call before starting the silo, since the
    /// Orleans providers read <c>OrleansQuery</c> when they start and do not go through <see cref="OpenAsync"/>.
    /// </summary>
    // Not a cached task: a server that was down at the first attempt must not poison every later one.
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady) return;
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady) return;
            await PostgresSchema.MigrateAsync(_dataSource, cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _schemaLock.Dispose();
    }

    // NpgsqlConnectionStringBuilder reports its default for an absent key, so "explicit" has to be read from the raw
    // string. Npgsql matches keywords case-insensitively and ignoring spaces.
    private static bool SetsMaxPoolSize(string connectionString)
    {
        var raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return raw.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal))
            .Any(k => k.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)
                || k.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));
    }
}
