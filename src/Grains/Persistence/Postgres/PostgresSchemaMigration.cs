using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Actors.Grains.Persistence.Postgres;

/// <summary>
/// Brings the PostgreSQL schema up to date at the very first stage of the silo's start, before Orleans'
/// ADO.NET clustering, storage and reminder providers read their <c>OrleansQuery</c> rows. A silo on a
/// fresh database therefore needs no manual step, and silos starting together serialise on the migration lock.
/// </summary>
public sealed class PostgresSchemaMigration(PostgresDatabase database, ILogger<PostgresSchemaMigration> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresSchemaMigration), ServiceLifecycleStage.First, async cancellationToken =>
        {
            await database.MigrateAsync(cancellationToken);
            logger.LogInformation("PostgreSQL schema is up to date ({Migrations} migrations)", PostgresSchema.Migrations.Count);
        });
}
