using Actors.Grains.Configuration;
using Actors.Grains.Persistence;
using Actors.Grains.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Tests;

public sealed class GrainStateStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "eo-store-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteGrainStateStore _store;

    public GrainStateStoreTests() =>
        _store = new SqliteGrainStateStore(new SqliteDatabase(Options.Create(new SiloOptions { DataDirectory = _directory })));

    private sealed record Counter(int Value);

    [Fact]
    public async Task A_write_with_a_stale_version_fails_and_leaves_the_newer_state()
    {
        var v1 = await _store.WriteAsync("t", "k", new Counter(1), "s", null, 0, CancellationToken.None);
        var v2 = await _store.WriteAsync("t", "k", new Counter(2), "s", null, v1, CancellationToken.None);

        await Assert.ThrowsAsync<GrainConcurrencyException>(() =>
            _store.WriteAsync("t", "k", new Counter(99), "s", null, v1, CancellationToken.None));
        var stored = await _store.ReadAsync<Counter>("t", "k", CancellationToken.None);
        Assert.Equal(new Counter(2), stored!.State);
        Assert.Equal(v2, stored.Version);
    }

    [Fact]
    public async Task Creating_a_grain_that_exists_is_a_concurrency_conflict()
    {
        await _store.WriteAsync("t", "k", new Counter(1), "s", null, 0, CancellationToken.None);
        await Assert.ThrowsAsync<GrainConcurrencyException>(() =>
            _store.WriteAsync("t", "k", new Counter(2), "s", null, 0, CancellationToken.None));
    }

    [Fact]
    public async Task Unfinished_work_is_found_by_status()
    {
        await _store.WriteAsync("product", "a", new Counter(1), "running", "silo-1", 0, CancellationToken.None);
        await _store.WriteAsync("product", "b", new Counter(1), "completed", null, 0, CancellationToken.None);
        await _store.WriteAsync("product", "c", new Counter(1), "pending", null, 0, CancellationToken.None);
        await _store.WriteAsync("scene", "d", new Counter(1), "running", null, 0, CancellationToken.None);

        var found = await _store.FindAsync("product", ["pending", "running"], CancellationToken.None);
        Assert.Equal(["a", "c"], found.Order());
    }

    [Fact]
    public async Task Concurrent_increments_through_turns_lose_no_update()
    {
        var runtime = new GrainRuntime(_store, new KeyedTurnLock());
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
        {
            await using var turn = await runtime.BeginTurnAsync<Counter>("t", "counter", CancellationToken.None);
            await turn.CommitAsync(new Counter((turn.State?.Value ?? 0) + 1), "s", null, CancellationToken.None);
        })));
        Assert.Equal(40, (await _store.ReadAsync<Counter>("t", "counter", CancellationToken.None))!.State.Value);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
