using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>
/// Two silos keep working through a restart of PostgreSQL, which holds their membership, grain state,
/// reminders and the catalog: the work is delayed, none is lost or doubled, and neither silo is
/// mistaken for dead or gives up.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ServiceOutageTests(ClusterServices services, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Acquisitions = 60;
    private const int Products = Acquisitions * 2;

    private readonly TempDirectory _root = new("outage");
    private readonly List<SiloProcess> _silos = [];
    private StaticFileServer? _web;

    [Fact]
    public async Task Restarting_PostgreSQL_mid_run_delays_work_but_loses_none()
    {
        const string tenant = "outage";
        var environment = await services.CreateTenantAsync(tenant);
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

        await WaitForCompletedAsync(database, Products / 3);
        var beforeRestart = await database.CompletedProductsAsync();
        var sinceRestart = System.Diagnostics.Stopwatch.StartNew();
        await services.RestartPostgresAsync();
        output.WriteLine($"PostgreSQL restarted after {beforeRestart} of {Products} completed products, in {sinceRestart.Elapsed.TotalSeconds:0.0} s");
        Assert.True(beforeRestart < Products, "the database restart happened before the run ended");

        await WaitForCompletedAsync(database, Products);
        output.WriteLine($"all {Products} products completed {sinceRestart.Elapsed.TotalSeconds:0.0} s after the restart began");
        // An outage stops no silo: computations in hand wait out the database instead of starting again.
        output.WriteLine(await ClusterOutcome.AssertEveryProductOnceAsync(tenant, Acquisitions, _silos, maxInterrupted: 0));

        // Both silos stayed members throughout: an outage of the membership table must not make them declare each other dead.
        var members = await _silos[0].Client.GetSilosAsync();
        output.WriteLine(string.Join("\n", members.Select(m => $"{m.InstanceId} {m.Name} {m.Status} last seen {m.LastSeen:O}")));
        Assert.Equal(["silo-1", "silo-2"], members.Select(m => m.Name).Order());
        Assert.All(members, m => Assert.Equal(SiloStates.Active, m.Status));
        Assert.All(_silos, s => Assert.True(s.IsRunning, $"a silo exited\n{s.Tail(40)}"));
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
