using Actors.Abstractions.Messages;
using Actors.Grains.Catalog;
using Actors.Grains.Configuration;
using Actors.Grains.Jobs;
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
    /// Adds scene, product and job grains on MassTransit with the embedded default: in-memory transport,
    /// SQLite state and catalog (or PostgreSQL, see <see cref="SiloOptions.Store"/>), local object store,
    /// all under <see cref="SiloOptions.DataDirectory"/>.
    /// </summary>
    public static IServiceCollection AddGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SiloOptions>(configuration.GetSection(SiloOptions.Section));
        services.AddSingleton<SiloIdentity>();
        services.AddSingleton<KeyedTurnLock>();
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<WorkDirectory>();
        services.AddGrainPersistence(configuration);
        services.AddObjectStore(configuration);
        services.AddSingleton(ProcessorRegistry.Default());
        services.AddSingleton<ISceneStager, SceneStager>();
        services.AddSingleton<StatusQueries>();
        services.AddHostedService<CatalogInitializer>();

        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConsumer<SceneGrain, SceneGrainDefinition>();
            bus.AddConsumer<ProductGrain, ProductGrainDefinition>();
            bus.AddConsumer<JobGrain, JobGrainDefinition>();
            bus.AddConsumer<JobProgressRelay, JobProgressRelayDefinition>();
            bus.AddRequestClient<AcceptAcquisition>(RequestTimeout.After(s: 60));
            bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
        });
        // Hosted services start in registration order: the resumer runs once the bus is up.
        services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        services.AddHostedService<UnfinishedWorkResumer>();
        return services;
    }
}
