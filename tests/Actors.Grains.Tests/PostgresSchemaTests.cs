using Actors.Grains.Persistence.Postgres;
using Npgsql;

namespace Actors.Grains.Tests;

/// <summary>The schema migrator against a real PostgreSQL, each test on a fresh database of its own, dropped afterwards.</summary>
public sealed class PostgresSchemaTests : IAsyncLifetime
{
    // Every key the 10.4.2 clustering, persistence and reminder providers look up (their DbStoredQueries and
    // AdoNetGrainStorage.Init); the clustering and reminder providers refuse to start if one of theirs is missing.
    private static readonly string[] OrleansQueryKeys =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private readonly string _database = "eo_schema_" + Guid.NewGuid().ToString("N")[..12];

    private string ConnectionString => $"{LoopbackServices.PostgresServer};Database={_database}";

    public async Task InitializeAsync()
    {
        await LoopbackServices.EnsureStartedAsync();
        await AdministerAsync($"CREATE DATABASE {_database}");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdministerAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    [Fact]
    public async Task Concurrent_and_repeated_migrations_apply_each_script_exactly_once()
    {
        // Separate instances, as separate silos would have: only the database-side lock serialises them.
        var silos = Enumerable.Range(0, 3).Select(_ => new PostgresDatabase(ConnectionString)).ToArray();
        try
        {
            await Task.WhenAll(silos.Select(s => s.MigrateAsync(CancellationToken.None)));
            var first = await AppliedAsync();

            await using (var restarted = new PostgresDatabase(ConnectionString))
                await restarted.MigrateAsync(CancellationToken.None);
            var second = await AppliedAsync();

            Assert.NotEmpty(PostgresSchema.Migrations);
            Assert.Equal(PostgresSchema.Migrations, first.Select(m => m.Id));
            Assert.Equal(first, second);
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Migrated_database_holds_every_query_the_orleans_providers_use_and_the_catalog()
    {
        await using var database = new PostgresDatabase(ConnectionString);
        await using var connection = await database.OpenAsync(CancellationToken.None);

        var keys = await ReadStringsAsync(connection, "SELECT QueryKey FROM OrleansQuery");
        Assert.All(OrleansQueryKeys, key => Assert.Contains(key, keys));

        var tables = await ReadStringsAsync(
            connection, "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.All(
            new[] { "stac_collection", "stac_item", "orleansmembershiptable", "orleansstorage", "orleansreminderstable" },
            table => Assert.Contains(table, tables));
        Assert.DoesNotContain("grain_state", tables);
        Assert.DoesNotContain("silo_membership", tables);
    }

    private async Task<List<(string Id, DateTime AppliedAt)>> AppliedAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, applied_at FROM schema_migrations ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var applied = new List<(string, DateTime)>();
        while (await reader.ReadAsync()) applied.Add((reader.GetString(0), reader.GetDateTime(1)));
        return applied;
    }

    private static async Task<List<string>> ReadStringsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    private static async Task AdministerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection($"{LoopbackServices.PostgresServer};Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The pool cap <see cref="PostgresDatabase"/> applies; no server needed.</summary>
public sealed class PostgresDatabasePoolTests
{
    [Theory]
    [InlineData("Host=127.0.0.1", PostgresDatabase.DefaultMaxPoolSize)]
    [InlineData("Host=127.0.0.1;Maximum Pool Size=7", 7)]
    [InlineData("Host=127.0.0.1;MaxPoolSize=100", 100)]
    public async Task Pool_is_capped_unless_the_connection_string_says_otherwise(string connectionString, int expected)
    {
        await using var database = new PostgresDatabase(connectionString);
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(database.ConnectionString).MaxPoolSize);
    }
}
