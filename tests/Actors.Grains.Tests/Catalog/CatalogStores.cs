using Actors.Grains.Catalog;
using Actors.Grains.Persistence.Postgres;
using Actors.Grains.Persistence.Sqlite;

namespace Actors.Grains.Tests.Catalog;

/// <summary>A catalog store for one test class, seeded once however many tests share it.</summary>
public abstract class CatalogStore : IAsyncLifetime
{
    private readonly SemaphoreSlim _seedGate = new(1, 1);
    private bool _seeded;

    public IStacCatalog Catalog { get; protected set; } = null!;

    public async Task SeedOnceAsync(Func<IStacCatalog, Task> seed)
    {
        await _seedGate.WaitAsync();
        try
        {
            if (_seeded) return;
            await seed(Catalog);
            _seeded = true;
        }
        finally
        {
            _seedGate.Release();
        }
    }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();
}

/// <summary>A fresh SQLite catalog file per test class.</summary>
public sealed class SqliteCatalogStore : CatalogStore
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "stac-search-" + Guid.NewGuid().ToString("N")[..8]);

    public override Task InitializeAsync()
    {
        Catalog = new SqliteStacCatalog(new SqliteDatabase(Path.Combine(_folder, "catalog.db")));
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>A fresh PostgreSQL database per test class, migrated by the silo's own migrator.</summary>
public sealed class PostgresCatalogStore : CatalogStore
{
    private readonly PostgresFixture _server = new();
    private PostgresDatabase? _database;

    public override async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        _database = new PostgresDatabase(_server.ConnectionString);
        Catalog = new PostgresStacCatalog(_database);
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
        await _server.DisposeAsync();
    }
}
