namespace Actors.Grains.Runtime;

/// <summary>Starts grain turns: per-key serialization in this process plus the state as committed.</summary>
public sealed class GrainRuntime(IGrainStateStore store, KeyedTurnLock locks)
{
    /// <summary>Waits for the grain's turn and loads its state.</summary>
    public async Task<GrainTurn<TState>> BeginTurnAsync<TState>(string kind, string key, CancellationToken cancellationToken)
        where TState : class
    {
        var turnLock = await locks.AcquireAsync($"{kind}/{key}", cancellationToken);
        try
        {
            var stored = await store.ReadAsync<TState>(kind, key, cancellationToken);
            return new GrainTurn<TState>(store, turnLock, kind, key, stored);
        }
        catch
        {
            turnLock.Dispose();
            throw;
        }
    }
}
