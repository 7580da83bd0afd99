using Npgsql;

namespace Actors.Grains.Persistence.Postgres;

/// <summary>
/// Brings the cluster database up to the schema this build expects: the tables and <c>OrleansQuery</c> rows of the
/// Orleans ADO.NET clustering, persistence and reminder providers, then the STAC catalog. The scripts are the embedded
/// resources under <c>Persistence/Postgres/Schema</c>, applied in name order, each at most once; applied ones are
/// recorded in <c>schema_migrations</c>.
/// </summary>
public static class PostgresSchema
{
    // Arbitrary but fixed: every silo of every version must contend for the same lock.
    private const long AdvisoryLockKey = 0x45_4F_5F_53_43_48_45_4D; // "EO_SCHEM"

    private const string ResourceMarker = ".Persistence.Postgres.Schema.";

    private static readonly Lazy<IReadOnlyList<(string Id, string ResourceName)>> Scripts = new(FindScripts);

    /// <summary>The ids of the migration scripts this build carries (file names without <c>.sql</c>), in the order they apply.</summary>
    public static IReadOnlyList<string> Migrations => [.. Scripts.Value.Select(s => s.Id)];

    /// <summary>
    /// Applies every script not yet recorded in <c>schema_migrations</c>. Safe to call from several silos at once and
    /// a no-op once the database is current.
    /// </summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var scripts = Scripts.Value;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One transaction for the lot: a failing script leaves nothing half-applied, and the transaction-scoped
        // advisory lock, which makes silos starting together queue rather than race, is released however it ends.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        await ExecuteAsync(
            connection,
            transaction,
            "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
            cancellationToken);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand("SELECT id FROM schema_migrations", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
        }

        foreach (var (id, resourceName) in scripts)
        {
            if (applied.Contains(id)) continue;
            try
            {
                await ExecuteAsync(connection, transaction, await ReadScriptAsync(resourceName, cancellationToken), cancellationToken);
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException($"Schema migration '{id}' failed: {e.MessageText}", e);
            }

            await using var insert = new NpgsqlCommand(
                "INSERT INTO schema_migrations (id, applied_at) VALUES (@id, now())", connection, transaction);
            insert.Parameters.AddWithValue("id", id);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> ReadScriptAsync(string resourceName, CancellationToken cancellationToken)
    {
        await using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded schema script '{resourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    // Ordinal order of the numbered file names is the apply order.
    private static IReadOnlyList<(string Id, string ResourceName)> FindScripts()
    {
        var scripts = typeof(PostgresSchema).Assembly.GetManifestResourceNames()
            .Select(name => (Name: name, Marker: name.LastIndexOf(ResourceMarker, StringComparison.Ordinal)))
            .Where(r => r.Marker >= 0 && r.Name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(r => (Id: r.Name[(r.Marker + ResourceMarker.Length)..^".sql".Length], ResourceName: r.Name))
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        // Without this a build that lost the EmbeddedResource item would "migrate" to an empty schema.
        if (scripts.Count == 0)
            throw new InvalidOperationException(
                $"No schema scripts are embedded in {typeof(PostgresSchema).Assembly.GetName().Name}; expected resources named '*{ResourceMarker}*.sql'.");
        return scripts;
    }
}
