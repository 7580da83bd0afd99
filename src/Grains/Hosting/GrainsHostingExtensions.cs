using System.Net;
using Actors.Grains.Acquisitions;
using Actors.Grains.Catalog;
using Actors.Grains.Configuration;
using Actors.Grains.Execution;
using Actors.Grains.Feeds;
using Actors.Grains.OpenEo;
using Actors.Grains.Persistence;
using Actors.Grains.Publishing;
using Actors.Grains.Storage;
using Actors.OpenEo;
using Actors.Processing.Hrefs;
using Actors.Processing.Products;
using Actors.Processing.Staging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Actors.Grains.Hosting;

/// <summary>How a silo is put together: the Orleans silo, its providers, and the services grains use.</summary>
public static class GrainsHostingExtensions
{
    /// <summary>
    /// Makes this host an Orleans silo running the scene, product, job and intake grains. The embedded default
    /// needs no services (localhost clustering, SQLite, memory streams, local files); configuration alone
    /// switches to a cluster on PostgreSQL and S3 (<see cref="SiloSettings.Store"/>, <see cref="SiloSettings.ObjectStore"/>).
    /// </summary>
    public static IHostApplicationBuilder AddGrains(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var cluster = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        builder.Services.AddGrainServices(configuration);
        // Before Orleans: the schema and the collections exist before membership, storage or grains need them.
        builder.Services.AddHostedService<CatalogInitializer>();
        builder.UseOrleans(silo =>
        {
            silo.UseStoreForClustering(configuration, cluster);
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = IPAddress.Parse(cluster.AdvertisedAddress);
                (o.SiloPort, o.GatewayPort) = (cluster.SiloPort, cluster.GatewayPort);
            });
            // A killed silo is declared dead in about ProbeTimeout × MissedProbesLimit; the same on every silo.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = cluster.ProbeTimeout;
                o.NumMissedProbesLimit = cluster.MissedProbesLimit;
                o.IAmAliveTablePublishTimeout = cluster.IAmAlivePeriod;
            });
            if (cluster.KubernetesHosting) silo.UseKubernetesHosting();
            silo.AddGrainRuntime(configuration);
            silo.AddDashboard();
        });
        return builder;
    }

    /// <summary>
    /// What the openEO jobs and results need: their settings (section <c>OpenEo</c>), the catalog as
    /// <c>load_collection</c>'s source, the synchronous run slots and the result link signer.
    /// </summary>
    public static IServiceCollection AddOpenEoJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OpenEoSettings>(configuration.GetSection(OpenEoSettings.Section));
        services.AddSingleton<ICollectionReader, CatalogCollectionReader>();
        services.AddSingleton<SynchronousRunSlots>();
        services.AddSingleton<ResultLinkSigner>();
        return services;
    }

    /// <summary>
    /// What the feed subscriptions need: their settings (section <c>Feeds</c>), the clock, and the named
    /// <see cref="System.Net.Http.HttpClient"/> they read sources with, its timeout <see cref="FeedSettings.RequestTimeout"/>.
    /// </summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        var feeds = configuration.GetSection(FeedSettings.Section);
        services.Configure<FeedSettings>(feeds);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StacSearchClient>();
        services.AddHttpClient(StacSearchClient.HttpClientName, client =>
            {
                client.Timeout = (feeds.Get<FeedSettings>() ?? new FeedSettings()).RequestTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("eo-actors-feeds/1.0");
            })
            // A source is user input: every request (and redirect) of a poll passes the href policy.
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<SafeHttpHandlerFactory>().Create());
        return services;
    }

    /// <summary>
    /// The href policy every href the silo reads passes (section <c>Hrefs</c>, validated at start), with the silo's
    /// defaults: local roots = the data directory; S3 buckets = the silo's own bucket when objects live in S3. Also
    /// the reader of item documents, the asset locator the stager opens assets through, and the safe HTTP handlers.
    /// </summary>
    public static IServiceCollection AddHrefPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HrefPolicyOptions>()
            .Bind(configuration.GetSection(HrefPolicyOptions.Section))
            .PostConfigure(options =>
            {
                var silo = configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
                if (options.LocalRoots.Count == 0) options.LocalRoots.Add(silo.DataPath);
                if (options.S3Buckets.Count == 0 && silo.ObjectStore == SiloSettings.S3ObjectStore)
                    options.S3Buckets.Add((configuration.GetSection(S3Options.Section).Get<S3Options>() ?? new S3Options()).Bucket);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HrefPolicyOptions>, HrefPolicyOptionsValidation>();
        services.AddSingleton(provider => new HrefPolicy(provider.GetRequiredService<IOptions<HrefPolicyOptions>>().Value));
        services.AddSingleton<SafeHttpHandlerFactory>();
        services.AddSingleton<ItemDocumentReader>();
        services.AddSingleton<AssetLocator>();
        return services;
    }

    /// <summary>Grain storage, reminders, streams and the silo's name: everything but clustering (an in-process test cluster brings its own).</summary>
    public static ISiloBuilder AddGrainRuntime(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
        if (!string.IsNullOrWhiteSpace(settings.InstanceId))
            silo.Configure<SiloOptions>(o => o.SiloName = settings.InstanceId);
        silo.UseStoreForGrains(configuration);
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = settings.ResumePeriod);
        silo.UseConfiguredStreams(configuration, settings.Streams);
        return silo;
    }

    /// <summary>The services grains use: settings, stores, object store, processors, compute slots, publishing outward.</summary>
    public static IServiceCollection AddGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SiloSettings>(configuration.GetSection(SiloSettings.Section));
        services.AddStores(configuration);
        services.AddObjectStore(configuration);
        services.TryAddSingleton(ProcessorRegistry.Default());
        services.AddHrefPolicy(configuration);
        services.AddSingleton<ISceneStager, SceneStager>();
        services.AddSingleton<AcquisitionValidator>();
        services.AddSingleton<WorkDirectory>();
        services.AddSingleton<ComputeSlots>();
        services.AddSingleton<OutageGuard>();
        services.AddFeeds(configuration);
        services.AddStacPublishing(configuration);
        services.AddOpenEoJobs(configuration);
        return services;
    }
}
