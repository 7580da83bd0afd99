using System.Diagnostics;
using Actors.EndToEnd.Tests.Infrastructure;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Npgsql;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>
/// A private set of cluster services on loopback (PostgreSQL, RabbitMQ, s3rver) started with
/// deploy/local/services.sh on ports of its own, so tests may restart them without disturbing other
/// test assemblies. Each test gets its own database, virtual host and bucket.
/// </summary>
public sealed class ClusterServices : IAsyncLifetime
{
    private const int PostgresPort = 56432;
    private const int AmqpPort = 56672;
    private const int S3Port = 55569;
    private const string RabbitNode = "eo-cluster@localhost";

    private readonly TempDirectory _root = new("cluster-services");

    /// <summary>The S3 endpoint.</summary>
    public static string S3ServiceUrl => $"http://127.0.0.1:{S3Port}";

    /// <inheritdoc />
    public Task InitializeAsync() => ServicesAsync("start", TimeSpan.FromMinutes(5));

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await ServicesAsync("stop", TimeSpan.FromMinutes(2));
        _root.Dispose();
    }

    /// <summary>Creates an isolated database, virtual host and bucket named <paramref name="name"/>; returns the silo environment for them.</summary>
    public async Task<Dictionary<string, string>> CreateTenantAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name}; CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        await RabbitMqCtlAsync("add_vhost", name);
        await RabbitMqCtlAsync("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return new Dictionary<string, string>
        {
            ["Silo__Transport"] = "rabbitmq",
            ["Silo__Store"] = "postgres",
            ["Silo__ObjectStore"] = "s3",
            ["ConnectionStrings__Postgres"] = ConnectionString(name),
            ["ConnectionStrings__RabbitMq"] = $"amqp://guest:guest@127.0.0.1:{AmqpPort}/{name}",
            ["S3__ServiceUrl"] = S3ServiceUrl,
            ["S3__Bucket"] = name,
        };
    }

    /// <summary>A connection string for the tenant database <paramref name="database"/>.</summary>
    public static string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database={database};Timeout=15";

    /// <summary>An S3 client for the service, with plain bodies (s3rver stores aws-chunked ones verbatim).</summary>
    public static AmazonS3Client S3Client() => new(new BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config
    {
        ServiceURL = S3ServiceUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Uploads a local file to <c>s3://{bucket}/{key}</c>, creating the bucket if needed.</summary>
    public static async Task UploadAsync(AmazonS3Client s3, string bucket, string key, string path)
    {
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, FilePath = path, UseChunkEncoding = false });
    }

    /// <summary>Every key under <paramref name="prefix"/> in <paramref name="bucket"/>.</summary>
    public static async Task<List<string>> ListKeysAsync(AmazonS3Client s3, string bucket, string prefix)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }

    /// <summary>Each queue of the virtual host with its ready and unacknowledged message count.</summary>
    public async Task<IReadOnlyList<(string Name, long Messages)>> QueuesAsync(string virtualHost)
    {
        var output = await RabbitMqCtlAsync("list_queues", "-p", virtualHost, "-q", "--no-table-headers", "name", "messages");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2 && long.TryParse(parts[1], out _))
            .Select(parts => (parts[0], long.Parse(parts[1])))
            .ToList();
    }

    /// <summary>Stops PostgreSQL and starts it again (an outage of a few seconds).</summary>
    public Task RestartPostgresAsync() => ServicesAsync("restart-postgres", TimeSpan.FromMinutes(2));

    /// <summary>Stops RabbitMQ and starts it again on the same data (durable queues survive).</summary>
    public Task RestartRabbitMqAsync() => ServicesAsync("restart-rabbitmq", TimeSpan.FromMinutes(3));

    private async Task ServicesAsync(string action, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(BuiltArtifacts.RepositoryRoot, "deploy", "local", "services.sh"));
        start.ArgumentList.Add(action);
        start.ArgumentList.Add(_root.Path);
        start.Environment["PG_PORT"] = PostgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AMQP_PORT"] = AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AMQP_DIST_PORT"] = (AmqpPort + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["S3_PORT"] = S3Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBIT_NODE"] = RabbitNode;
        await RunAsync(start, timeout);
    }

    private static Task<string> RabbitMqCtlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(RabbitNode);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return RunAsync(start, TimeSpan.FromMinutes(1));
    }

    private static async Task<string> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{start.FileName} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}):\n{await output}\n{await error}");
        return await output;
    }
}
