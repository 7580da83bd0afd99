using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>
/// Three silo processes form one Orleans cluster on PostgreSQL and share S3. Acquisitions (some published
/// twice, from local, s3:// and http:// hrefs) are processed while one silo is killed with SIGKILL and
/// restarted and another is stopped gracefully. Every product must end completed exactly once in S3 and
/// the catalog, with no work left pending.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ThreeSiloClusterTests(ClusterServices services, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Acquisitions = 200;
    private const int BaseScenes = 8;
    private const int Products = Acquisitions * 2;
    // Orleans declares a silo that misses 2 probes of 1 s dead in a few seconds; the rest is slack for a loaded machine.
    private static readonly TimeSpan DeclaredDeadWithin = TimeSpan.FromSeconds(60);
    // A live silo writes its "I am alive" time every 5 s.
    private static readonly TimeSpan FreshWithin = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _root = new("cluster3");
    private readonly List<SiloProcess> _silos = [];
    private StaticFileServer? _web;

    [Fact]
    public async Task Every_product_is_made_once_across_three_silos_when_one_is_killed_and_another_stopped()
    {
        const string tenant = "cluster3";
        var environment = await services.CreateTenantAsync(tenant);
        var database = new ClusterDatabase(ClusterServices.ConnectionString(tenant));
        using var s3 = ClusterServices.S3Client();
        var samplesRoot = Path.Combine(_root.Path, "samples");
        _web = await StaticFileServer.StartAsync(Directory.CreateDirectory(samplesRoot).FullName);
        var hrefs = await new AcquisitionSources(new SampleLibrary(samplesRoot), samplesRoot, s3, tenant, _web)
            .CreateAsync(Acquisitions, BaseScenes, size: 256);

        for (var i = 1; i <= 3; i++)
            _silos.Add(new SiloProcess(Path.Combine(_root.Path, $"silo-{i}"), new Dictionary<string, string>(environment) { ["Silo__InstanceId"] = $"silo-{i}" }));
        await Task.WhenAll(_silos.Select(s => s.StartAsync()));
        var (killed, stopped, survivor) = (_silos[0], _silos[1], _silos[2]);

        // Spread the publishing over the silos; every tenth acquisition is published a second time, through another silo.
        var sceneIds = new HashSet<string>();
        for (var i = 0; i < Acquisitions; i++)
        {
            var response = await _silos[i % 3].Client.PublishAsync(new AcquisitionRequest { ItemHref = hrefs[i] });
            Assert.False(response.AlreadyKnown, $"acquisition {i} ({AcquisitionSources.KindOf(i)}) was new");
            sceneIds.Add(response.SceneId);
            if (i % 10 == 0)
            {
                var again = await _silos[(i + 1) % 3].Client.PublishAsync(new AcquisitionRequest { ItemHref = hrefs[i] });
                Assert.True(again.AlreadyKnown);
                Assert.Equal(response.SceneId, again.SceneId);
            }
        }
        Assert.Equal(Acquisitions, sceneIds.Count);

        // Mid-run: kill silo-1 like a crash, see the cluster declare it dead, then restart it (a new incarnation).
        await WaitForCompletedAsync(database, Products / 6);
        var killedIncarnation = (await survivor.Client.GetSilosAsync()).Single(m => m.Name == "silo-1" && m.Status == SiloStates.Active).InstanceId;
        killed.Kill();
        var dead = await Eventually.GetAsync("the membership table to mark the killed silo dead", DeclaredDeadWithin,
            async ct => (await survivor.Client.GetSilosAsync(ct)).SingleOrDefault(m => m.InstanceId == killedIncarnation && m.Status == SiloStates.Dead));
        Assert.Equal("silo-1", dead.Name);
        await killed.StartAsync();

        // Later: stop silo-2 gracefully; its activations finish the step in hand and leave.
        await WaitForCompletedAsync(database, Products / 2);
        var stoppedIncarnation = (await survivor.Client.GetSilosAsync()).Single(m => m.Name == "silo-2" && m.Status == SiloStates.Active).InstanceId;
        await stopped.StopAsync(TimeSpan.FromSeconds(60));

        await WaitForCompletedAsync(database, Products, TimeSpan.FromMinutes(10));

        // A product computes on one silo at a time (Silo__ProductConcurrency=1), so the kill interrupts at most
        // one computation; the graceful stop lets the computation in hand finish and interrupts none.
        var report = await ClusterOutcome.AssertEveryProductOnceAsync(tenant, Acquisitions, _silos, maxInterrupted: 1);
        output.WriteLine(report);
        Assert.True(await ClusterOutcome.ComputingSilosAsync(tenant) > 1, $"the work was not spread: {report}");

        // Membership: Orleans marks both the killed and the gracefully stopped incarnation dead; the running silos
        // (silo-1's new incarnation and silo-3) are active and their "I am alive" writes are recent.
        var members = await survivor.Client.GetSilosAsync();
        output.WriteLine(string.Join("\n", members.Select(m => $"{m.InstanceId} {m.Name} {m.Status} last seen {m.LastSeen:O}")));
        Assert.Equal(SiloStates.Dead, members.Single(m => m.InstanceId == killedIncarnation).Status);
        Assert.Equal(SiloStates.Dead, members.Single(m => m.InstanceId == stoppedIncarnation).Status);
        var active = members.Where(m => m.Status == SiloStates.Active).ToList();
        Assert.Equal(["silo-1", "silo-3"], active.Select(m => m.Name).Order());
        Assert.DoesNotContain(killedIncarnation, active.Select(m => m.InstanceId));
        Assert.All(active, m => Assert.True(DateTimeOffset.UtcNow - m.LastSeen < FreshWithin, $"{m.InstanceId} last seen {m.LastSeen:O}"));

        // Operators see the same through eoctl, from any silo: rows start with the instance id and its status.
        var listing = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "--server", survivor.BaseAddress.ToString(), "silos");
        Assert.True(listing.ExitCode == 0, listing.ToString());
        var rows = listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(SiloStates.Dead, rows.Single(r => r[0] == killedIncarnation)[1]);
        Assert.Equal(SiloStates.Dead, rows.Single(r => r[0] == stoppedIncarnation)[1]);
        Assert.Equal(active.Select(m => m.InstanceId).Order(), rows.Where(r => r[1] == SiloStates.Active).Select(r => r[0]).Order());
    }

    private async Task WaitForCompletedAsync(ClusterDatabase database, int count, TimeSpan? timeout = null)
    {
        try
        {
            await Eventually.TrueAsync($"{count} completed products", timeout ?? TimeSpan.FromMinutes(5),
                async _ => await database.CompletedProductsAsync() >= count);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} (now {await database.CompletedProductsAsync()})\n{string.Join("\n", _silos.Select(s => s.Tail(40)))}", e);
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
