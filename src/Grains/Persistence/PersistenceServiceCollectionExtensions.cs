using Actors.Grains.Catalog;
using Actors.Grains.Configuration;
using Actors.Grains.Persistence.Postgres;
using Actors.Grains.Persistence.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.Grains.Persistence;

/// <summary>
/// Chooses where grain state, reminders, membership and the STAC catalog live: one SQLite file (embedded
/// default) or PostgreSQL through Orleans' ADO.NET providers (cluster).
/// </summary>
public static class PersistenceServiceCollectionExtensions
{
    // The ADO.NET invariant Orleans maps to Npgsql's provider factory.
    private const string NpgsqlInvariant = "Npgsql";

    /// <summary>The store named by <c>Silo:Store</c>.</summary>
    /// <exception cref="InvalidOperationException">The store is unknown.</exception>
    public static string StoreOf(IConfiguration configuration)
    {
        var store = (configuration.GetSection(SiloSettings.Section)[nameof(SiloSettings.Store)] ?? SiloSettings.SqliteStore).ToLowerInvariant();
        return store is SiloSettings.SqliteStore or SiloSettings.PostgresStore
            ? store
            : throw new InvalidOperationException($"Unknown Silo:Store '{store}': use '{SiloSettings.SqliteStore}' or '{SiloSettings.PostgresStore}'.");
    }

    /// <summary>PostgreSQL's connection string (<c>ConnectionStrings:Postgres</c>).</summary>
    /// <exception cref="InvalidOperationException">It is not set.</exception>
    public static string PostgresConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Postgres");
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("Silo:Store is 'postgres' but ConnectionStrings:Postgres (env: ConnectionStrings__Postgres) is not set.")
            : connectionString;
    }

    /// <summary>Registers the database and the STAC catalog of the configured store.</summary>
    public static IServiceCollection AddStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<JsonGrainStateSerializer>();
        if (StoreOf(configuration) == SiloSettings.PostgresStore)
        {
            services.AddSingleton(new PostgresDatabase(PostgresConnectionString(configuration)));
            services.AddSingleton<IStacCatalog, PostgresStacCatalog>();
        }
        else
        {
            services.AddSingleton(sp => new SqliteDatabase(Path.Combine(sp.GetRequiredService<IOptions<SiloSettings>>().Value.DataPath, "silo.db")));
            services.AddSingleton<IStacCatalog, SqliteStacCatalog>();
        }
        return services;
    }

    /// <summary>Grain state (<see cref="GrainStorageNames"/>) and reminders on the configured store.</summary>
    public static ISiloBuilder UseStoreForGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (StoreOf(configuration) == SiloSettings.PostgresStore)
        {
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresSchemaMigration>();
            // The providers use the database's effective connection string (its pool cap included).
            silo.AddAdoNetGrainStorage(GrainStorageNames.State, options => options.Configure<PostgresDatabase, JsonGrainStateSerializer>((o, database, serializer) =>
            {
                (o.Invariant, o.ConnectionString) = (NpgsqlInvariant, database.ConnectionString);
                o.GrainStorageSerializer = serializer;
            }));
            silo.AddAdoNetGrainStorage(GrainStorageNames.PubSub, options => options.Configure<PostgresDatabase, IServiceProvider>((o, database, services) =>
            {
                (o.Invariant, o.ConnectionString) = (NpgsqlInvariant, database.ConnectionString);
                o.GrainStorageSerializer = PubSubSerializer(services);
            }));
            silo.UseAdoNetReminderService(options => options.Configure<PostgresDatabase>((o, database) =>
                (o.Invariant, o.ConnectionString) = (NpgsqlInvariant, database.ConnectionString)));
        }
        else
        {
            silo.AddSqliteGrainStorage(GrainStorageNames.State);
            silo.AddSqliteGrainStorage(GrainStorageNames.PubSub, PubSubSerializer);
            silo.UseSqliteReminderService();
        }
        return silo;
    }

    // Orleans' subscription state holds a producer entry System.Text.Json cannot read back, and a crash leaves it
    // stored; Orleans' own JSON serializer (Newtonsoft) round-trips it and the state stays readable JSON.
    private static IGrainStorageSerializer PubSubSerializer(IServiceProvider services) =>
        ActivatorUtilities.GetServiceOrCreateInstance<JsonGrainStorageSerializer>(services);

    /// <summary>Membership: Orleans' ADO.NET clustering on PostgreSQL, or a single localhost silo on SQLite.</summary>
    public static ISiloBuilder UseStoreForClustering(this ISiloBuilder silo, IConfiguration configuration, ClusterSettings cluster)
    {
        if (StoreOf(configuration) == SiloSettings.PostgresStore)
        {
            silo.UseAdoNetClustering(options => options.Configure<PostgresDatabase>((o, database) =>
                (o.Invariant, o.ConnectionString) = (NpgsqlInvariant, database.ConnectionString)));
        }
        else
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, cluster.ServiceId, cluster.ClusterId);
        }
        return silo;
    }
}
