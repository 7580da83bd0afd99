using Actors.Abstractions.Api;
using Actors.Client;
using Actors.Client.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Bench.Cluster;

/// <summary>
/// The system under test: one embedded silo, or several silos on PostgreSQL and s3rver (and Redis, for Redis
/// streams), with an HTTP client per silo and one Orleans client connected to every silo's gateway.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private static readonly TimeSpan MembershipTimeout = TimeSpan.FromSeconds(90);

    private readonly ClusterServices? _services;
    private readonly List<SiloNode> _silos;
    private IHost? _clientHost;

    private BenchCluster(ClusterServices? services, List<SiloNode> silos) => (_services, _silos) = (services, silos);

    /// <summary>The cluster's services, when it has any (more than one silo).</summary>
    public ClusterServices? Services => _services;

    /// <summary>The silo processes, in start order.</summary>
    public IReadOnlyList<SiloNode> Silos => _silos;

    /// <summary>The Orleans client, connected once <see cref="StartAsync"/> returned.</summary>
    public OrleansSiloClient OrleansClient { get; private set; } = null!;

    /// <summary>The HTTP client of silo <paramref name="index"/> modulo the silo count: calls spread round-robin over the silos.</summary>
    public SiloClient Http(int index) => _silos[index % _silos.Count].Client;

    /// <summary>User + system CPU time of all silo processes so far.</summary>
    public TimeSpan SiloCpuTime => _silos.Aggregate(TimeSpan.Zero, (sum, silo) => sum + silo.CpuTime);

    /// <summary>
    /// Starts the silos (and for more than one, the cluster services first), waits until every silo answers
    /// <c>/health</c> and the membership table lists them all as active, then connects the Orleans client.
    /// </summary>
    public static async Task<BenchCluster> StartAsync(ClusterShape shape, string repositoryRoot, string runDirectory, CancellationToken cancellationToken)
    {
        var siloAssembly = Path.Combine(repositoryRoot, "src/Silo/bin/Release/net10.0/Actors.Silo.dll");
        if (!File.Exists(siloAssembly)) throw new FileNotFoundException($"No silo at {siloAssembly}; build src/Silo in Release first.");

        ClusterServices? services = null;
        IReadOnlyDictionary<string, string> environment = new Dictionary<string, string>();
        if (shape.Silos > 1)
        {
            Console.WriteLine($"starting PostgreSQL (port {shape.PostgresPort}), s3rver (port {shape.S3Port}) and Redis (port {shape.RedisPort}) ...");
            services = await ClusterServices.StartAsync(repositoryRoot, Path.Combine(runDirectory, "services"), shape, cancellationToken);
            environment = services.SiloEnvironment;
        }
        var cluster = new BenchCluster(services, []);
        try
        {
            // One after the other: the first creates the schema the others then find in place.
            for (var i = 1; i <= shape.Silos; i++)
            {
                Console.WriteLine($"starting silo-{i} ...");
                cluster._silos.Add(await SiloNode.StartAsync(siloAssembly, $"silo-{i}", runDirectory, environment, cancellationToken));
            }
            await cluster.WaitForMembershipAsync(cancellationToken);
            await cluster.ConnectOrleansClientAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Disconnects the client, stops the silos, then the services.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_clientHost is not null)
        {
            await _clientHost.StopAsync(TimeSpan.FromSeconds(10));
            _clientHost.Dispose();
        }
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        if (_services is not null) await _services.DisposeAsync();
    }

    private async Task WaitForMembershipAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + MembershipTimeout;
        var wanted = _silos.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<SiloMember> members = [];
        while (true)
        {
            members = await Http(0).GetSilosAsync(cancellationToken);
            var active = members.Where(m => m.Status == SiloStates.Active).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            if (wanted.IsSubsetOf(active)) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not every silo became active within {MembershipTimeout.TotalSeconds:0} s: "
                    + string.Join(", ", members.Select(m => $"{m.Name}={m.Status}")));
            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task ConnectOrleansClientAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Warnings still show (a lost gateway, a dropped message), routine chatter does not cost the measured client CPU.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.AddOrleansSiloClient(o =>
        {
            foreach (var silo in _silos) o.Gateways.Add($"127.0.0.1:{silo.GatewayPort}");
            if (_services is { RedisStreams: true }) o.RedisConnectionString = _services.RedisEndpoint;
        });
        _clientHost = builder.Build();
        await _clientHost.StartAsync(cancellationToken);
        OrleansClient = _clientHost.Services.GetRequiredService<OrleansSiloClient>();
    }
}
