using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Actors.Bench.Events;

/// <summary>
/// PostgreSQL and s3rver for a cluster benchmark, started with deploy/local/services.sh on ports of their own
/// (so a test run's services on the default or test ports are never touched) with their data in a folder of the
/// run, and stopped again at the end.
/// </summary>
public sealed class ClusterServices : IAsyncDisposable
{
    private const string Database = "eo_bench_events";
    private const string Bucket = "bench";

    private readonly string _script;
    private readonly string _directory;
    private readonly int _postgresPort;
    private readonly int _s3Port;

    private ClusterServices(string script, string directory, int postgresPort, int s3Port) =>
        (_script, _directory, _postgresPort, _s3Port) = (script, directory, postgresPort, s3Port);

    /// <summary>
    /// Starts the services under <paramref name="directory"/> and creates an empty database for the silos (dropping
    /// one an aborted earlier run left behind).
    /// </summary>
    public static async Task<ClusterServices> StartAsync(string repositoryRoot, string directory, int postgresPort, int s3Port, CancellationToken cancellationToken)
    {
        var services = new ClusterServices(Path.Combine(repositoryRoot, "deploy", "local", "services.sh"), directory, postgresPort, s3Port);
        await services.RunScriptAsync("start", TimeSpan.FromMinutes(5), cancellationToken);
        await using var connection = new NpgsqlConnection(services.ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        // FORCE: silos of an aborted earlier run may still hold connections to it.
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE); CREATE DATABASE {Database}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return services;
    }

    /// <summary>What every silo needs to join the cluster on these services: PostgreSQL store and membership, S3 objects.</summary>
    public IReadOnlyDictionary<string, string> SiloEnvironment => new Dictionary<string, string>
    {
        ["Silo__Store"] = "postgres",
        ["Silo__ObjectStore"] = "s3",
        ["ConnectionStrings__Postgres"] = ConnectionString(Database),
        ["S3__ServiceUrl"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_s3Port}"),
        ["S3__Bucket"] = Bucket,
    };

    /// <summary>Stops both services; their data folder goes with the run's folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunScriptAsync("stop", TimeSpan.FromMinutes(2), CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"warning: stopping the services failed: {e.Message}");
        }
    }

    private string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={_postgresPort};Username=postgres;Database={database};Timeout=15");

    private async Task RunScriptAsync(string action, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { _script, action, _directory }) start.ArgumentList.Add(argument);
        start.Environment["PG_PORT"] = _postgresPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["S3_PORT"] = _s3Port.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start bash.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"services.sh {action} {_directory} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }
}
