using System.Diagnostics;
using Actors.Grains.Configuration;
using Actors.Grains.Persistence.Postgres;
using Actors.Grains.Persistence.Sqlite;
using Actors.Grains.Storage;
using Orleans.Runtime;

namespace Actors.Silo.Endpoints;

/// <summary>
/// Probes for orchestrators: <c>GET /health</c> (liveness: the process answers HTTP) and <c>GET /health/ready</c>
/// (readiness: this silo is active in Orleans' membership and the services it is configured with answer).
/// </summary>
public static class HealthEndpoints
{
    /// <summary>How long one readiness check may take before it counts as failed.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    // A key no object is ever written at: a HEAD for it answers 404 from a reachable store.
    private const string ProbeKey = "health/probe";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        app.MapGet("/health/ready", async (HttpContext context) =>
        {
            var report = await ReadinessAsync(context.RequestServices, context.RequestAborted);
            return Results.Json(report, statusCode: report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    /// <summary>Runs every check that applies to this silo's configuration, at once, each within <see cref="CheckTimeout"/>.</summary>
    public static async Task<ReadinessReport> ReadinessAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var silo = configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
        var checks = new List<Task<ReadinessCheck>> { RunAsync("orleans", _ => Task.FromResult(SiloStatusOf(services)), cancellationToken) };
        if (services.GetService<PostgresDatabase>() is { } postgres)
            checks.Add(RunAsync("store:postgres", async ct =>
            {
                await using var connection = await postgres.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(ct);
                return (true, "reachable");
            }, cancellationToken));
        if (services.GetService<SqliteDatabase>() is { } sqlite)
            checks.Add(RunAsync("store:sqlite", async ct =>
            {
                await using var connection = await sqlite.OpenAsync(ct);
                return (true, "open");
            }, cancellationToken));
        if (string.Equals(silo.Streams, SiloSettings.RedisStreams, StringComparison.OrdinalIgnoreCase))
            checks.Add(RunAsync("streams:redis", async _ =>
            {
                var latency = await (await services.GetRequiredService<RedisConnection>().DatabaseAsync()).PingAsync();
                return (true, $"ping {latency.TotalMilliseconds:0.#} ms");
            }, cancellationToken));
        if (string.Equals(silo.ObjectStore, SiloSettings.S3ObjectStore, StringComparison.OrdinalIgnoreCase))
            checks.Add(RunAsync("objectStore:s3", async ct =>
            {
                await services.GetRequiredService<IObjectStore>().ExistsAsync(ProbeKey, ct);
                return (true, "reachable");
            }, cancellationToken));
        var results = await Task.WhenAll(checks);
        return new ReadinessReport(results.All(c => c.Healthy) ? "ready" : "not-ready", results);
    }

    // Ready only once this silo has joined the cluster and until it starts leaving it.
    private static (bool, string) SiloStatusOf(IServiceProvider services)
    {
        var local = services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var status = services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(local);
        return (status == SiloStatus.Active, status.ToString().ToLowerInvariant());
    }

    private static async Task<ReadinessCheck> RunAsync(
        string name, Func<CancellationToken, Task<(bool Healthy, string Detail)>> check, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            var (healthy, detail) = await check(timeout.Token).WaitAsync(timeout.Token);
            return new ReadinessCheck(name, healthy, detail, watch.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ReadinessCheck(name, false, $"no answer within {CheckTimeout.TotalSeconds:0} s", watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ReadinessCheck(name, false, e.Message, watch.Elapsed.TotalMilliseconds);
        }
    }
}

/// <summary>The answer of <c>GET /health/ready</c>.</summary>
/// <param name="Status"><c>ready</c> when every check passed, <c>not-ready</c> otherwise.</param>
/// <param name="Checks">Each check, by name: <c>orleans</c>, <c>store:postgres</c> or <c>store:sqlite</c>, <c>streams:redis</c>, <c>objectStore:s3</c>.</param>
public sealed record ReadinessReport(string Status, IReadOnlyList<ReadinessCheck> Checks)
{
    /// <summary>True when every check passed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Ready => Status == "ready";
}

/// <summary>One readiness check.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Healthy">Whether it passed.</param>
/// <param name="Detail">The silo's status, the answer, or why it failed.</param>
/// <param name="Milliseconds">How long it took.</param>
public sealed record ReadinessCheck(string Name, bool Healthy, string Detail, double Milliseconds);
