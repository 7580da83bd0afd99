using Actors.Grains.Catalog;
using Actors.Grains.Configuration;
using Actors.Grains.Membership;
using Actors.Grains.Persistence.Postgres;
using Actors.Grains.Persistence.Sqlite;
using Actors.Grains.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Persistence;

/// <summary>Chooses where grain state, the STAC catalog and the membership table live: SQLite (embedded default) or PostgreSQL (cluster).</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the state store and catalog named by <c>Silo:Store</c> (<c>sqlite</c> or <c>postgres</c>;
    /// PostgreSQL reads <c>ConnectionStrings:Postgres</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The store is unknown, or PostgreSQL has no connection string.</exception>
    public static IServiceCollection AddGrainPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var store = configuration.GetSection(SiloOptions.Section)[nameof(SiloOptions.Store)] ?? SiloOptions.SqliteStore;
        switch (store.ToLowerInvariant())
        {
            case SiloOptions.SqliteStore:
                services.AddSingleton<SqliteDatabase>();
                services.AddSingleton<IGrainStateStore, SqliteGrainStateStore>();
                services.AddSingleton<IStacCatalog, SqliteStacCatalog>();
                services.AddSingleton<IMembershipTable, SqliteMembershipTable>();
                break;
            case SiloOptions.PostgresStore:
                var connectionString = configuration.GetConnectionString("Postgres");
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("Silo:Store is 'postgres' but ConnectionStrings:Postgres (env: ConnectionStrings__Postgres) is not set.");
                services.AddSingleton(new PostgresDatabase(connectionString));
                services.AddSingleton<IGrainStateStore, PostgresGrainStateStore>();
                services.AddSingleton<IStacCatalog, PostgresStacCatalog>();
                services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
                break;
            default:
                throw new InvalidOperationException($"Unknown Silo:Store '{store}': use '{SiloOptions.SqliteStore}' or '{SiloOptions.PostgresStore}'.");
        }
        return services;
    }
}
