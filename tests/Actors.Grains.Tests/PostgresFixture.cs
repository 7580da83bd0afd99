using System.Diagnostics;
using Npgsql;

namespace Actors.Grains.Tests;

/// <summary>
/// A real PostgreSQL on loopback (started by deploy/local/services.sh if it is not running) and a fresh
/// database for one test class, dropped afterwards.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string Server = "Host=127.0.0.1;Port=55432;Username=postgres;Timeout=15";
    private readonly string _database = "eo_test_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString => $"{Server};Database={_database}";

    public async Task InitializeAsync()
    {
        await EnsureServicesAsync();
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

    private static async Task EnsureServicesAsync()
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "deploy", "local", "services.sh"));
        start.ArgumentList.Add("start");
        start.ArgumentList.Add(Path.Combine(root, ".services"));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"deploy/local/services.sh start failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("No Actors.sln above the test assembly.");
    }
}
