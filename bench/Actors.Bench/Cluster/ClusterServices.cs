using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Actors.Bench.Cluster;

/// <summary>
/// PostgreSQL, s3rver and Redis for a cluster benchmark, started with deploy/local/services.sh on ports of their
/// own (so a test run's services on the default or test ports are never touched) with their data in a folder of
/// the run, and stopped again at the end.
/// </summary>
public sealed class ClusterServices : IAsyncDisposable
{
    private const string Database = "eo_bench_events";
    private const string Bucket = "bench";

    private readonly string _script;
    private readonly string _directory;
    private readonly ClusterShape _shape;

    private ClusterServices(string script, string directory, ClusterShape shape) => (_script, _directory, _shape) = (script, directory, shape);

    /// <summary>Whether the silos' event streams run on this Redis.</summary>
    public bool RedisStreams => _shape.RedisStreams;

    /// <summary>The Redis server, as StackExchange.Redis names it.</summary>
    public string RedisEndpoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{_shape.RedisPort}");

    /// <summary>
    /// Starts the services under <paramref name="directory"/> and creates an empty database for the silos (dropping
    /// one an aborted earlier run left behind).
    /// </summary>
    public static async Task<ClusterServices> StartAsync(string repositoryRoot, string directory, ClusterShape shape, CancellationToken cancellationToken)
    {
        var services = new ClusterServices(Path.Combine(repositoryRoot, "deploy", "local", "services.sh"), directory, shape);
        await services.RunScriptAsync("start", TimeSpan.FromMinutes(5), cancellationToken);
        await using var connection = new NpgsqlConnection(services.ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        // FORCE: silos of an aborted earlier run may still hold connections to it.
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE); CREATE DATABASE {Database}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return services;
    }

    /// <summary>
    /// What every silo needs to join the cluster on these services: PostgreSQL store and membership, S3 objects,
    /// and Redis streams when the shape asks for them.
    /// </summary>
    public IReadOnlyDictionary<string, string> SiloEnvironment
    {
        get
        {
            var environment = new Dictionary<string, string>
            {
                ["Silo__Store"] = "postgres",
                ["Silo__ObjectStore"] = "s3",
                ["ConnectionStrings__Postgres"] = ConnectionString(Database),
                ["S3__ServiceUrl"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_shape.S3Port}"),
                ["S3__Bucket"] = Bucket,
            };
            if (_shape.RedisStreams)
            {
                environment["Silo__Streams"] = "redis";
                environment["ConnectionStrings__Redis"] = RedisEndpoint;
            }
            return environment;
        }
    }

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
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={_shape.PostgresPort};Username=postgres;Database={database};Timeout=15");

    private async Task RunScriptAsync(string action, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { _script, action, _directory }) start.ArgumentList.Add(argument);
        start.Environment["PG_PORT"] = _shape.PostgresPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["S3_PORT"] = _shape.S3Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["REDIS_PORT"] = _shape.RedisPort.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start bash.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"services.sh {action} {_directory} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }
}
