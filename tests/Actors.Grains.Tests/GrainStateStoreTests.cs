using Actors.Grains.Configuration;
using Actors.Grains.Persistence.Postgres;
using Actors.Grains.Persistence.Sqlite;
using Actors.Grains.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Tests;

public sealed class SqliteGrainStateStoreTests : GrainStateStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "eo-store-" + Guid.NewGuid().ToString("N"));

    public SqliteGrainStateStoreTests() =>
        Store = new SqliteGrainStateStore(new SqliteDatabase(Options.Create(new SiloOptions { DataDirectory = _directory })));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

public sealed class PostgresGrainStateStoreTests(PostgresFixture postgres) : GrainStateStoreContract, IClassFixture<PostgresFixture>
{
    // Keys are unique per test so the tests of this class can share the fixture's database.
    protected override IGrainStateStore CreateStore() => new PostgresGrainStateStore(new PostgresDatabase(postgres.ConnectionString));
}

/// <summary>What every grain state store must do, whatever the database.</summary>
public abstract class GrainStateStoreContract
{
    private IGrainStateStore? _store;
    private readonly string _kind = "t" + Guid.NewGuid().ToString("N")[..8];

    protected IGrainStateStore Store
    {
        get => _store ??= CreateStore();
        init => _store = value;
    }

    protected virtual IGrainStateStore CreateStore() => throw new InvalidOperationException("Set Store or override CreateStore.");

    private sealed record Counter(int Value);

    [Fact]
    public async Task A_write_with_a_stale_version_fails_and_leaves_the_newer_state()
    {
        var v1 = await Store.WriteAsync(_kind, "k", new Counter(1), "s", null, 0, CancellationToken.None);
        var v2 = await Store.WriteAsync(_kind, "k", new Counter(2), "s", null, v1, CancellationToken.None);

        await Assert.ThrowsAsync<GrainConcurrencyException>(() =>
            Store.WriteAsync(_kind, "k", new Counter(99), "s", null, v1, CancellationToken.None));
        var stored = await Store.ReadAsync<Counter>(_kind, "k", CancellationToken.None);
        Assert.Equal(new Counter(2), stored!.State);
        Assert.Equal(v2, stored.Version);
    }

    [Fact]
    public async Task Creating_a_grain_that_exists_is_a_concurrency_conflict()
    {
        await Store.WriteAsync(_kind, "k", new Counter(1), "s", null, 0, CancellationToken.None);
        await Assert.ThrowsAsync<GrainConcurrencyException>(() =>
            Store.WriteAsync(_kind, "k", new Counter(2), "s", null, 0, CancellationToken.None));
    }

    [Fact]
    public async Task Unfinished_work_is_found_by_status()
    {
        await Store.WriteAsync(_kind + "p", "a", new Counter(1), "running", "silo-1", 0, CancellationToken.None);
        await Store.WriteAsync(_kind + "p", "b", new Counter(1), "completed", null, 0, CancellationToken.None);
        await Store.WriteAsync(_kind + "p", "c", new Counter(1), "pending", null, 0, CancellationToken.None);
        await Store.WriteAsync(_kind + "s", "d", new Counter(1), "running", null, 0, CancellationToken.None);

        var found = await Store.FindAsync(_kind + "p", ["pending", "running"], CancellationToken.None);
        Assert.Equal(["a", "c"], found.Order());
    }

    [Fact]
    public async Task Concurrent_increments_through_turns_lose_no_update()
    {
        var runtime = new GrainRuntime(Store, new KeyedTurnLock());
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
        {
            await using var turn = await runtime.BeginTurnAsync<Counter>(_kind, "counter", CancellationToken.None);
            await turn.CommitAsync(new Counter((turn.State?.Value ?? 0) + 1), "s", null, CancellationToken.None);
        })));
        Assert.Equal(40, (await Store.ReadAsync<Counter>(_kind, "counter", CancellationToken.None))!.State.Value);
    }
}
