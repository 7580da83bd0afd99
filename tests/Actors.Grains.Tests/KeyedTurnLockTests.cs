using Actors.Grains.Runtime;

namespace Actors.Grains.Tests;

public sealed class KeyedTurnLockTests
{
    [Fact]
    public async Task Turns_of_one_key_never_overlap()
    {
        var locks = new KeyedTurnLock();
        var inside = 0;
        var maxInside = 0;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            using var turn = await locks.AcquireAsync("scene/a", CancellationToken.None);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            await Task.Yield();
            Interlocked.Decrement(ref inside);
        })));
        Assert.Equal(1, maxInside);
    }

    [Fact]
    public async Task Turns_of_different_keys_run_at_the_same_time()
    {
        var locks = new KeyedTurnLock();
        using var a = await locks.AcquireAsync("scene/a", CancellationToken.None);
        var b = locks.AcquireAsync("scene/b", CancellationToken.None);
        Assert.True(b.IsCompletedSuccessfully, "a turn on another key must not wait");
        (await b).Dispose();
    }

    [Fact]
    public async Task A_cancelled_wait_does_not_take_the_turn()
    {
        var locks = new KeyedTurnLock();
        var held = await locks.AcquireAsync("k", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = locks.AcquireAsync("k", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        using var next = await locks.AcquireAsync("k", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
