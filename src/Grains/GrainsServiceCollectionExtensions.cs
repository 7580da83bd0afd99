using Actors.Abstractions.Messages;
using Actors.Grains.Catalog;
using Actors.Grains.Configuration;
using Actors.Grains.Jobs;
using Actors.Grains.Membership;
using Actors.Grains.Messaging;
using Actors.Grains.Persistence;
using Actors.Grains.Products;
using Actors.Grains.Queries;
using Actors.Grains.Recovery;
using Actors.Grains.Runtime;
using Actors.Grains.Scenes;
using Actors.Grains.Storage;
using Actors.Processing.Products;
using Actors.Processing.Staging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains;

/// <summary>Wiring of the grains, their runtime and the embedded stores.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Adds scene, product and job grains on MassTransit. The embedded default keeps everything in this
    /// process and under <see cref="SiloOptions.DataDirectory"/> (in-memory transport, SQLite, local
    /// files); configuration alone switches to a cluster's RabbitMQ, PostgreSQL and S3
    /// (<see cref="SiloOptions.Transport"/>, <see cref="SiloOptions.Store"/>, <see cref="SiloOptions.ObjectStore"/>).
    /// </summary>
    public static IServiceCollection AddGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SiloOptions>(configuration.GetSection(SiloOptions.Section));
        services.Configure<RabbitMqOptions>(configuration.GetSection(RabbitMqOptions.Section));
        services.AddSingleton<SiloIdentity>();
        services.AddSingleton<KeyedTurnLock>();
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<WorkDirectory>();
        services.AddGrainPersistence(configuration);
        services.AddObjectStore(configuration);
        services.AddSingleton(ProcessorRegistry.Default());
        services.AddSingleton<ISceneStager, SceneStager>();
        services.AddSingleton<StatusQueries>();
        services.AddSingleton<WorkOwnership>();
        services.AddSingleton<OutageGuard>();
        services.AddSingleton<WorkResender>();
        services.AddHostedService<CatalogInitializer>();
        // Before the bus: the silo joins before it consumes, and leaves only after the bus has drained (reverse stop order).
        services.AddHostedService<MembershipAgent>();

        services.AddMassTransit(bus =>
        {
            // No usage reports to the MassTransit project: silos run offline and must not phone home.
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConsumer<SceneGrain, SceneGrainDefinition>();
            bus.AddConsumer<ProductGrain, ProductGrainDefinition>();
            bus.AddConsumer<JobGrain, JobGrainDefinition>();
            bus.AddConsumer<JobProgressRelay, JobProgressRelayDefinition>();
            bus.AddRequestClient<AcceptAcquisition>(RequestTimeout.After(s: 60));
            bus.UsingConfiguredTransport(configuration);
        });
        // Hosted services start in registration order: the resumer runs once the bus is up.
        services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        // Only the in-memory transport loses queued messages with the process; a broker keeps them.
        if (TransportConfiguration.TransportOf(configuration) == SiloOptions.InMemoryTransport)
            services.AddHostedService<UnfinishedWorkResumer>();
        return services;
    }
}
