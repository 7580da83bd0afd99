using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Jobs;
using Actors.Abstractions.Scenes;
using Actors.Abstractions.Streams;
using Actors.Grains.Catalog;
using Actors.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Harness;

/// <summary>
/// An in-process Orleans cluster (<see cref="TestCluster"/>) of real silos running the real grains and
/// providers: SQLite state and reminders shared by the silos (or PostgreSQL), memory streams, local files
/// (or S3), GDAL processors. Configuration reaches the silos through the builder's properties.
/// </summary>
public sealed class GrainCluster : IAsyncDisposable
{
    private GrainCluster(TestCluster cluster) => Cluster = cluster;

    /// <summary>The Orleans test cluster.</summary>
    public TestCluster Cluster { get; }

    /// <summary>The cluster's client (connected through a gateway, like the SDK).</summary>
    public IClusterClient Client => Cluster.Client;

    /// <summary>Starts <paramref name="silos"/> silos on <paramref name="dataDirectory"/> with extra settings and configurators.</summary>
    public static async Task<GrainCluster> StartAsync(
        string dataDirectory, short silos = 2, IReadOnlyDictionary<string, string>? settings = null, Action<TestClusterBuilder>? configure = null)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Properties["Silo:DataDirectory"] = dataDirectory;
        builder.Properties["Silo:ResumePeriod"] = "00:00:02";
        // The silos read local hrefs only under their roots: the test's folder, which holds the data folder and its samples.
        builder.Properties["Hrefs:LocalRoots:0"] = Path.GetDirectoryName(Path.GetFullPath(dataDirectory))!;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.Properties[key] = value;
        configure?.Invoke(builder);
        builder.AddSiloBuilderConfigurator<GrainSiloConfigurator>();
        builder.AddClientBuilderConfigurator<StreamClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new GrainCluster(cluster);
    }

    /// <summary>The services of the <paramref name="index"/>-th silo (0 is the primary).</summary>
    public IServiceProvider SiloServices(int index) => ((InProcessSiloHandle)Cluster.Silos[index]).SiloHost.Services;

    /// <summary>The grain factory inside the <paramref name="index"/>-th silo: calls made through it start on that silo.</summary>
    public IGrainFactory GrainsOn(int index) => SiloServices(index).GetRequiredService<IGrainFactory>();

    /// <summary>Publishes an acquisition of the item at <paramref name="itemPath"/> through the intake grain of silo <paramref name="silo"/>.</summary>
    public Task<AcquisitionResponse> PublishAsync(string itemPath, int silo = 0, IReadOnlyList<string>? products = null, string? jobId = null) =>
        GrainsOn(silo).GetGrain<IAcquisitionIntakeGrain>(0).PublishAsync(new AcquisitionSubmission { ItemHref = itemPath, Products = products, JobId = jobId }, TestCallers.Tester);

    /// <summary>The scene's status, or null.</summary>
    public Task<SceneStatus?> SceneAsync(string sceneId) => Client.GetGrain<ISceneGrain>(sceneId).GetStatusAsync();

    /// <summary>Waits until the scene and all its products are final.</summary>
    public async Task<SceneStatus> WaitFinishedAsync(string sceneId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var status = await SceneAsync(sceneId);
            if (status?.IsFinished == true) return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"scene {sceneId}: {status?.State} {string.Join(",", status?.Products.Select(p => p.State) ?? [])}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the job is finished or failed.</summary>
    public async Task<JobStatus> WaitJobAsync(string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await Client.GetGrain<IJobGrain>(jobId).GetStatusAsync(TestCallers.Tester);
            if (job is not null && job.State is JobStates.Finished or JobStates.Failed) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"job {jobId}: {job?.State}");
            await Task.Delay(50);
        }
    }

    /// <summary>The STAC catalog the silos write to.</summary>
    public IStacCatalog Catalog => SiloServices(0).GetRequiredService<IStacCatalog>();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>Each silo as the silo host builds it, minus clustering (the test cluster brings its own).</summary>
    public sealed class GrainSiloConfigurator : ISiloConfigurator
    {
        /// <inheritdoc />
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddGrainServices(silo.Configuration);
            silo.Services.AddHostedService<CatalogInitializer>();
            silo.AddGrainRuntime(silo.Configuration);
        }
    }

    /// <summary>The client reads the results streams, as an SDK user would.</summary>
    public sealed class StreamClientConfigurator : IClientBuilderConfigurator
    {
        /// <inheritdoc />
        public void Configure(IConfiguration configuration, IClientBuilder client) => client.AddMemoryStreams(StreamNames.Provider);
    }
}
