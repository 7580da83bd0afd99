using Npgsql;

namespace Actors.Grains.Tests;

/// <summary>
/// A real PostgreSQL on loopback (started by deploy/local/services.sh if it is not running) and a fresh
/// database for one test class, dropped afterwards.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string Server = LoopbackServices.PostgresServer;
    private readonly string _database = "eo_test_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString => $"{Server};Database={_database}";

    public async Task InitializeAsync()
    {
        await LoopbackServices.EnsureStartedAsync();
        await using var connection = new NpgsqlConnection($"{Server};Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection($"{Server};Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
