using System.Text.Json;
using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>
/// Acquisitions arrive the way outside producers send them: <c>redis-cli XADD acquisitions * item …</c>.
/// Three silos on PostgreSQL, S3 and Redis Streams process them while one silo is SIGKILLed and Redis is
/// restarted; malformed entries end in the dead-letter key with their reason.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RedisStreamClusterTests(ClusterServices services, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Acquisitions = 200;
    private const int Products = Acquisitions * 2;
    private readonly TempDirectory _root = new("redis-cluster");
    private readonly List<SiloProcess> _silos = [];
    private StaticFileServer? _web;

    [Fact]
    public async Task Acquisitions_written_with_redis_cli_are_processed_once_through_a_silo_kill_and_a_redis_restart()
    {
        const string tenant = "redis3";
        const int redisDatabase = 3;
        var environment = await services.CreateTenantAsync(tenant, redisDatabase);
        var database = new ClusterDatabase(ClusterServices.ConnectionString(tenant));
        using var s3 = ClusterServices.S3Client();
        var samplesRoot = Directory.CreateDirectory(Path.Combine(_root.Path, "samples")).FullName;
        _web = await StaticFileServer.StartAsync(samplesRoot);
        var hrefs = await new AcquisitionSources(new SampleLibrary(samplesRoot), samplesRoot, s3, tenant, _web)
            .CreateAsync(Acquisitions, 8, size: 256);
        await StartSilosAsync(3, environment);

        // The producer: one XADD per acquisition, every tenth written twice.
        var commands = new List<string[]>();
        for (var i = 0; i < Acquisitions; i++)
        {
            commands.Add(["XADD", "acquisitions", "*", "item", hrefs[i]]);
            if (i % 10 == 0) commands.Add(["XADD", "acquisitions", "*", "item", hrefs[i], "products", "water-bodies,ndvi"]);
        }
        await ClusterServices.RedisAsync(redisDatabase, [.. commands]);

        await WaitForCompletedAsync(database, Products / 6);
        var (killed, survivor) = (_silos[0], _silos[2]);
        var killedIncarnation = (await survivor.Client.GetSilosAsync()).Single(m => m.Name == "silo-1" && m.Status == SiloStates.Active).InstanceId;
        killed.Kill();
        await Eventually.TrueAsync("the killed silo to be declared dead", TimeSpan.FromSeconds(30),
            async ct => (await survivor.Client.GetSilosAsync(ct)).Any(m => m.InstanceId == killedIncarnation && m.Status == SiloStates.Dead));
        await killed.StartAsync();

        await WaitForCompletedAsync(database, Products / 2);
        await services.RestartRedisAsync();
        output.WriteLine($"redis restarted after {await database.CompletedProductsAsync()} completed products");

        await WaitForCompletedAsync(database, Products, TimeSpan.FromMinutes(10));
        var report = await ClusterOutcome.AssertEveryProductOnceAsync(tenant, Acquisitions, _silos, maxInterrupted: 1);
        output.WriteLine(report);
        Assert.True(await ClusterOutcome.ComputingSilosAsync(tenant) > 1, $"the work was not spread: {report}");

        await using var redis = new RedisStreams(redisDatabase);
        // A result entry for every product; a repeat only where a silo died, carrying the same ids.
        var results = await Eventually.GetAsync("a result entry for every product", TimeSpan.FromSeconds(60), async _ =>
        {
            var entries = await redis.ResultsAsync("results");
            return entries.Select(r => (r.Scene, r.Product)).Distinct().Count() == Products ? entries : null;
        });
        Assert.All(results, r => Assert.Equal(ProductStates.Completed, r.State));
        var repeats = results.GroupBy(r => (r.Scene, r.Product)).Where(g => g.Count() > 1).ToList();
        Assert.All(repeats, g => Assert.Single(g.Select(r => r.StacItemId).Distinct()));
        Assert.True(repeats.Count <= 2, $"repeated results: {string.Join(", ", repeats.Select(g => g.Key))}");
        Assert.Empty(await redis.EntriesAsync("failures"));
        Assert.Empty(await redis.EntriesAsync("acquisitions-dead"));
        // No entry left pending or unread anywhere: the ingress group and every Orleans queue are drained.
        var pending = await Eventually.GetAsync("every consumer group to be drained", TimeSpan.FromSeconds(60), async _ =>
        {
            var byGroup = await redis.PendingAsync();
            return byGroup.Count > 0 && byGroup.Values.All(v => v == 0) ? byGroup : null;
        });
        output.WriteLine($"repeated results: {repeats.Count}; groups: {string.Join(", ", pending.Keys)}");
        Assert.Contains("acquisitions/eo-intake", pending.Keys);
    }

    [Fact]
    public async Task Malformed_entries_go_to_the_dead_letter_key_with_their_reason_and_good_ones_are_processed()
    {
        const string tenant = "redisdead";
        const int redisDatabase = 4;
        var environment = await services.CreateTenantAsync(tenant, redisDatabase);
        var samples = new SampleLibrary(Path.Combine(_root.Path, "samples"));
        var good = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => samples.GenerateAsync(size: 128, seed: 500 + i)));
        var inline = await File.ReadAllTextAsync(good[0].ItemPath);
        string[][] malformed =
        [
            ["item", "{not json"],
            ["item", "{\"type\": \"Feature\", \"id\": 5}"],
            ["aoi", "1,2,3,4"],
            ["item", "/no/such/item.json"],
            ["item", good[1].ItemPath, "aoi", "west,south,east,north"],
            ["item", good[1].ItemPath, "products", "unknown-product"],
            ["item", good[1].ItemPath, "colour", "blue"],
            ["item", "http://127.0.0.1:9/unreachable.json"],
        ];
        var commands = new List<string[]>();
        for (var i = 0; i < 1000; i++)
        {
            commands.Add(["XADD", "acquisitions", "*", .. malformed[i % malformed.Length]]);
            if (i % 100 == 0) commands.Add(["XADD", "acquisitions", "*", "item", good[i / 100].ItemPath, "job", "good"]);
        }
        commands.Add(["XADD", "acquisitions", "*", "item", inline, "products", "ndvi", "job", "good"]);
        await StartSilosAsync(2, environment);
        await ClusterServices.RedisAsync(redisDatabase, [.. commands]);

        await using var redis = new RedisStreams(redisDatabase);
        var dead = await Eventually.GetAsync("1000 dead letters", TimeSpan.FromMinutes(3), async _ =>
        {
            var entries = await redis.EntriesAsync("acquisitions-dead");
            return entries.Count >= 1000 ? entries : null;
        });
        Assert.Equal(1000, dead.Count);
        Assert.All(dead, d => Assert.False(string.IsNullOrWhiteSpace(d["reason"])));
        // Each dead letter keeps the original entry, and the reason fits what was wrong with it.
        var byItem = dead.GroupBy(d => JsonSerializer.Deserialize<string[][]>(d["entry"])!.Select(f => string.Join("=", f)).First()).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Contains(byItem["item={not json"], d => d["reason"].Contains("JSON", StringComparison.OrdinalIgnoreCase));
        Assert.All(byItem["aoi=1,2,3,4"], d => Assert.Contains("no 'item' field", d["reason"]));
        Assert.All(byItem["item=/no/such/item.json"], d => Assert.Contains("/no/such/item.json", d["reason"]));

        var job = await Eventually.GetAsync("the good acquisitions to finish", TimeSpan.FromMinutes(3), async ct =>
            await _silos[0].Client.GetJobAsync("good", ct) is { State: JobStates.Finished or JobStates.Failed } j && j.Counts.Total == 20 ? j : null);
        Assert.Equal((JobStates.Finished, 20, 10), (job.State, job.Counts.Completed, job.Scenes.Count));
        foreach (var silo in _silos)
        {
            Assert.True(silo.IsRunning);
            Assert.True(await silo.Client.HealthAsync());
        }
        Assert.All((await redis.PendingAsync()).Where(p => p.Key.StartsWith("acquisitions/", StringComparison.Ordinal)), p => Assert.Equal(0, p.Value));

        // Operators see the lag through the API and on the dashboard's Grain State page.
        // A queue entry is acknowledged once its delivery returns, which can trail the job's last result by a moment.
        var lag = await Eventually.GetAsync("every queue acknowledged", TimeSpan.FromSeconds(30), async ct =>
            await _silos[1].Client.GetStreamsAsync(ct) is var l && l.Keys.All(k => (k.Pending, k.Unread) == (0, 0)) ? l : null);
        Assert.Equal("redis", lag.Provider);
        Assert.Equal(["acquisitions", .. Enumerable.Range(0, 8).Select(i => $"eo:queue:{i}")], lag.Keys.Select(k => k.Key));
        Assert.All(lag.Keys, k => Assert.Equal((0, 0), (k.Pending, k.Unread)));
        Assert.True(lag.Keys[0].Length > 0);
        using var http = new HttpClient { BaseAddress = _silos[0].BaseAddress };
        var onDashboard = await http.GetStringAsync("dashboard/GrainState?grainId=0&grainType=Actors.Grains.Streams.StreamLagGrain");
        Assert.Contains("eo:queue:7", onDashboard);
        Assert.Contains("acquisitions", onDashboard);
    }

    private async Task StartSilosAsync(int count, Dictionary<string, string> environment)
    {
        for (var i = 1; i <= count; i++)
            _silos.Add(new SiloProcess(Path.Combine(_root.Path, $"silo-{_silos.Count + 1}"),
                new Dictionary<string, string>(environment) { ["Silo__InstanceId"] = $"silo-{i}" }));
        await Task.WhenAll(_silos.Select(s => s.StartAsync()));
    }

    private async Task WaitForCompletedAsync(ClusterDatabase database, int count, TimeSpan? timeout = null)
    {
        try
        {
            await Eventually.TrueAsync($"{count} completed products", timeout ?? TimeSpan.FromMinutes(5), async _ =>
            {
                try { return await database.CompletedProductsAsync() >= count; }
                catch (Npgsql.NpgsqlException) { return false; }
            });
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
