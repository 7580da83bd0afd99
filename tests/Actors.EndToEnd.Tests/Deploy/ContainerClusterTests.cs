using System.Diagnostics;
using System.Text.Json;
using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Cluster;
using Actors.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Actors.EndToEnd.Tests.Deploy;

/// <summary>
/// The container image, run as the Helm chart runs it: deploy/image/build.sh builds (or reuses) the image; three
/// silo containers, each given exactly the environment the chart renders for its pod (downward API, Secret, values),
/// form one cluster on PostgreSQL, Redis Streams and S3. One container is killed with work in hand; its work finishes
/// on the other two, the membership shows it dead, and every scene and product is completed exactly once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ContainerClusterTests(ClusterServices services, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Acquisitions = 12;
    private const int SceneSize = 1024;
    private const int RedisDatabase = 5;
    private static readonly TimeSpan ImageBuildTimeout = TimeSpan.FromMinutes(30);

    private readonly TempDirectory _root = new("k8s-containers");
    private readonly List<SiloContainer> _silos = [];

    [Fact]
    public async Task Three_silo_containers_configured_by_the_chart_complete_every_scene_once_when_one_is_killed()
    {
        var image = await BuildImageAsync();
        const string tenant = "k8s3";
        var processEnvironment = await services.CreateTenantAsync(tenant, RedisDatabase);
        var samplesRoot = Directory.CreateDirectory(Path.Combine(_root.Path, "samples")).FullName;
        var library = new SampleLibrary(samplesRoot);
        var items = new List<string>();
        for (var seed = 1; seed <= Acquisitions; seed++) items.Add((await library.GenerateAsync(SceneSize, seed)).ItemPath);

        string? readinessPath = null;
        for (var i = 1; i <= 3; i++)
        {
            var (http, silo, gateway) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
            var yaml = await HelmChart.RenderAsync(null, "-f", await WriteValuesAsync(i, processEnvironment, tenant, samplesRoot, http, silo, gateway));
            readinessPath ??= ChartEnvironment.ReadinessPath(yaml);
            var environment = ChartEnvironment.Resolve(yaml, podName: $"silo-{i}", podIp: "127.0.0.1");
            // Everything the process cluster tests configure a silo with, the chart sets too, to the same value.
            Assert.All(processEnvironment, e => Assert.Equal(e.Value, environment.GetValueOrDefault(e.Key)));
            Assert.Equal("127.0.0.1", environment["Orleans__AdvertisedAddress"]);
            Assert.Equal($"silo-{i}", environment["Silo__InstanceId"]);
            _silos.Add(new SiloContainer(image, $"eo-k8s-silo-{i}", environment, http, [samplesRoot]));
        }
        foreach (var container in _silos) await container.WaitReadyAsync(readinessPath!, TimeSpan.FromMinutes(3));
        var (victim, survivor) = (_silos[0], _silos[2]);

        for (var i = 0; i < items.Count; i++)
        {
            var response = await _silos[i % 3].Client.PublishAsync(new AcquisitionRequest { ItemHref = items[i] });
            Assert.False(response.AlreadyKnown);
        }

        // Kill silo-1 while it computes a product: a SIGKILL of the container, as when its node dies.
        var database = new ClusterDatabase(ClusterServices.ConnectionString(tenant));
        var incarnation = (await survivor.Client.GetSilosAsync()).Single(m => m.Name == "silo-1" && m.Status == SiloStates.Active).InstanceId;
        await Eventually.TrueAsync("silo-1 to compute a product", TimeSpan.FromMinutes(5),
            async _ => (await database.ProductsInStatusAsync("running")).Any(p => p.ComputedBy == "silo-1"));
        await victim.KillAsync();
        var interrupted = (await database.ProductsInStatusAsync("running")).Where(p => p.ComputedBy == "silo-1").Select(p => p.Key).ToList();
        output.WriteLine($"killed silo-1 ({incarnation}) while computing: {string.Join(", ", interrupted)}");

        var dead = await Eventually.GetAsync("the membership to mark the killed container dead", TimeSpan.FromSeconds(60),
            async ct => (await survivor.Client.GetSilosAsync(ct)).SingleOrDefault(m => m.InstanceId == incarnation && m.Status == SiloStates.Dead));
        Assert.Equal("silo-1", dead.Name);

        await Eventually.TrueAsync($"{Acquisitions * 2} completed products", TimeSpan.FromMinutes(10),
            async _ => await database.CompletedProductsAsync() >= Acquisitions * 2);
        var report = await ClusterOutcome.AssertEveryProductOnceAsync(tenant, Acquisitions, _silos.SelectMany(s => s.OutputLines).ToList(), maxInterrupted: 1);
        output.WriteLine(report);

        // The computation the kill interrupted was finished by a live silo.
        Assert.NotEmpty(interrupted);
        var products = (await database.ProductsAsync()).ToDictionary(p => p.Key);
        Assert.All(interrupted, key => Assert.True(products[key] is { Computations: 2 } p && p.ComputedBy != "silo-1", $"{key}: {products[key]}"));

        var members = await survivor.Client.GetSilosAsync();
        output.WriteLine(string.Join("\n", members.Select(m => $"{m.InstanceId} {m.Name} {m.Status}")));
        Assert.Equal(SiloStates.Dead, members.Single(m => m.InstanceId == incarnation).Status);
        Assert.Equal(["silo-2", "silo-3"], members.Where(m => m.Status == SiloStates.Active).Select(m => m.Name).Order());
    }

    // The values an operator would give the chart for this pod: the services of the test, its ports, the samples root.
    private async Task<string> WriteValuesAsync(int silo, Dictionary<string, string> services, string tenant, string samplesRoot, int http, int siloPort, int gateway)
    {
        var values = new Dictionary<string, object>
        {
            ["http"] = new { port = http },
            ["orleans"] = new { siloPort, gatewayPort = gateway },
            ["silo"] = new { resumePeriod = services["Silo__ResumePeriod"], streams = "redis" },
            ["postgres"] = new { connectionString = services["ConnectionStrings__Postgres"] },
            ["redis"] = new { connectionString = services["ConnectionStrings__Redis"], claimIdle = services["Redis__ClaimIdle"] },
            ["s3"] = new { serviceUrl = services["S3__ServiceUrl"], bucket = tenant, accessKey = "S3RVER", secretKey = "S3RVER" },
            ["auth"] = new { allowAnonymous = true },
            ["hrefs"] = new { localRoots = new[] { samplesRoot }, allowedPrivateNetworks = new[] { services["Hrefs__AllowedPrivateNetworks__0"] } },
        };
        var path = Path.Combine(_root.Path, $"values-silo-{silo}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(values));
        return path;
    }

    // deploy/image/build.sh: reuses the base image, and the whole image while the sources are unchanged.
    private async Task<string> BuildImageAsync()
    {
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(BuiltArtifacts.RepositoryRoot, "deploy", "image", "build.sh"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(ImageBuildTimeout);
        Assert.True(process.ExitCode == 0, $"deploy/image/build.sh failed ({process.ExitCode}):\n{await stderr}");
        output.WriteLine($"image in {watch.Elapsed.TotalSeconds:0} s:\n{await stderr}");
        return (await stdout).Trim().Split('\n')[^1];
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        _root.Dispose();
    }
}
