using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>
/// Two silos keep working through a restart of RabbitMQ and then of PostgreSQL: the work is delayed,
/// none is lost or doubled, and neither silo is mistaken for dead.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ServiceOutageTests(ClusterServices services, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Acquisitions = 60;

    private readonly TempDirectory _root = new("outage");
    private readonly List<SiloProcess> _silos = [];
    private StaticFileServer? _web;

    [Fact]
    public async Task Restarting_RabbitMQ_and_PostgreSQL_mid_run_delays_work_but_loses_none()
    {
        const string tenant = "outage";
        var environment = await services.CreateTenantAsync(tenant);
        environment["Silo__HeartbeatInterval"] = "00:00:01";
        environment["Silo__DeadAfter"] = "00:00:08";
        var database = new ClusterDatabase(ClusterServices.ConnectionString(tenant));
        using var s3 = ClusterServices.S3Client();
        var samplesRoot = Directory.CreateDirectory(Path.Combine(_root.Path, "samples")).FullName;
        _web = await StaticFileServer.StartAsync(samplesRoot);
        var hrefs = await new AcquisitionSources(new SampleLibrary(samplesRoot), samplesRoot, s3, tenant, _web)
            .CreateAsync(Acquisitions, scenes: 4, size: 384);

        for (var i = 1; i <= 2; i++)
            _silos.Add(new SiloProcess(Path.Combine(_root.Path, $"silo-{i}"), new Dictionary<string, string>(environment) { ["Silo__InstanceId"] = $"silo-{i}" }));
        await Task.WhenAll(_silos.Select(s => s.StartAsync()));
        for (var i = 0; i < Acquisitions; i++)
            await _silos[i % 2].Client.PublishAsync(new AcquisitionRequest { ItemHref = hrefs[i] });

        await WaitForCompletedAsync(database, Acquisitions / 3);
        var beforeBroker = await database.CompletedProductsAsync();
        await services.RestartRabbitMqAsync();
        output.WriteLine($"RabbitMQ restarted after {beforeBroker} completed products");

        await WaitForCompletedAsync(database, Acquisitions);
        var beforeDatabase = await database.CompletedProductsAsync();
        await services.RestartPostgresAsync();
        output.WriteLine($"PostgreSQL restarted after {beforeDatabase} completed products");
        Assert.True(beforeDatabase < Acquisitions * 2, "the database restart happened before the run ended");

        await WaitForCompletedAsync(database, Acquisitions * 2);
        output.WriteLine(await ClusterOutcome.AssertEveryProductOnceAsync(services, tenant, Acquisitions, _silos, maxInterrupted: 0));

        // Both silos stayed members throughout: an outage of the database must not make them declare each other dead.
        var members = await _silos[0].Client.GetSilosAsync();
        Assert.Equal(["silo-1", "silo-2"], members.Select(m => m.Name).Order());
        Assert.All(members, m => Assert.Equal(SiloStates.Active, m.Status));
        Assert.All(_silos, s => Assert.True(s.IsRunning));
    }

    private async Task WaitForCompletedAsync(ClusterDatabase database, int count)
    {
        try
        {
            await Eventually.TrueAsync($"{count} completed products", TimeSpan.FromMinutes(5), async _ =>
            {
                try
                {
                    return await database.CompletedProductsAsync() >= count;
                }
                catch (Npgsql.NpgsqlException)
                {
                    return false; // the database is restarting
                }
            });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{string.Join("\n", _silos.Select(s => s.Tail(40)))}", e);
        }
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        if (_web is not null) await _web.DisposeAsync();
        _root.Dispose();
    }
}
