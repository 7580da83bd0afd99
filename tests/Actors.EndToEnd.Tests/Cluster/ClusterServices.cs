using System.Diagnostics;
using Actors.EndToEnd.Tests.Infrastructure;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Npgsql;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>
/// A private set of cluster services on loopback (PostgreSQL, Redis, s3rver) started with
/// deploy/local/services.sh on ports of its own, so tests may restart them without disturbing other
/// test assemblies. Each test gets its own database (Orleans membership, grain state and reminders,
/// the catalog) and bucket.
/// </summary>
public sealed class ClusterServices : IAsyncLifetime
{
    private const int PostgresPort = 56432;
    private const int S3Port = 55569;
    private const int RedisPort = 56479;

    private readonly TempDirectory _root = new("cluster-services");

    /// <summary>The Redis server, as StackExchange.Redis names it.</summary>
    public static string RedisEndpoint => $"127.0.0.1:{RedisPort}";

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

    /// <summary>
    /// Creates an isolated database named <paramref name="name"/> (the silos create their tables in it) and
    /// returns the silo environment for it and for a bucket of the same name. Work interrupted by a dead silo is
    /// resumed by its grain's reminder, so a short resume period keeps the tests' waits short.
    /// </summary>
    /// <param name="name">Database and bucket name.</param>
    /// <param name="redisDatabase">When given, the silos use Redis Streams in this (emptied) Redis database.</param>
    public async Task<Dictionary<string, string>> CreateTenantAsync(string name, int? redisDatabase = null)
    {
        // Unpooled: a pooled connection would outlive a PostgreSQL restart made by an earlier test.
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false"))
        {
            await connection.OpenAsync();
            // FORCE: silos of an aborted earlier run may still hold connections to it.
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE); CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var environment = new Dictionary<string, string>
        {
            ["Silo__Store"] = "postgres",
            ["Silo__ObjectStore"] = "s3",
            ["ConnectionStrings__Postgres"] = ConnectionString(name),
            ["S3__ServiceUrl"] = S3ServiceUrl,
            ["S3__Bucket"] = name,
            ["Silo__ResumePeriod"] = "00:00:05",
            // Items and assets are also served over http by a file server on loopback, which the href policy refuses unless opened.
            ["Hrefs__AllowedPrivateNetworks__0"] = "127.0.0.1/32",
        };
        if (redisDatabase is { } db)
        {
            await RedisAsync(db, ["FLUSHDB"]);
            environment["Silo__Streams"] = "redis";
            environment["ConnectionStrings__Redis"] = $"127.0.0.1:{RedisPort},defaultDatabase={db}";
            // Entries a killed silo left pending are claimed by the others after this long.
            environment["Redis__ClaimIdle"] = "00:00:05";
        }
        return environment;
    }

    /// <summary>
    /// Runs Redis commands with <c>redis-cli</c>, as an outside producer or consumer would, in one process
    /// (commands on standard input, one per line); returns its output.
    /// </summary>
    public static async Task<string> RedisAsync(int database, params IReadOnlyList<string>[] commands)
    {
        var start = new ProcessStartInfo("redis-cli")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in (string[])["-p", RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-n", database.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        foreach (var command in commands)
            await process.StandardInput.WriteLineAsync(string.Join(' ', command.Select(Quote)));
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0) throw new InvalidOperationException($"redis-cli failed ({process.ExitCode}): {await error}");
        return await output;
    }

    // redis-cli reads double-quoted arguments with backslash escapes.
    private static string Quote(string argument) =>
        "\"" + argument.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    /// <summary>Stops Redis and starts it again on its append-only file (an outage of about a second).</summary>
    public Task RestartRedisAsync() => ServicesAsync("restart-redis", TimeSpan.FromMinutes(2));

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

    /// <summary>Stops PostgreSQL and starts it again (an outage of a few seconds).</summary>
    public Task RestartPostgresAsync() => ServicesAsync("restart-postgres", TimeSpan.FromMinutes(2));

    private async Task ServicesAsync(string action, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(BuiltArtifacts.RepositoryRoot, "deploy", "local", "services.sh"));
        start.ArgumentList.Add(action);
        start.ArgumentList.Add(_root.Path);
        start.Environment["PG_PORT"] = PostgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["S3_PORT"] = S3Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["REDIS_PORT"] = RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await RunAsync(start, timeout);
    }

    private static async Task RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{start.FileName} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }
}
