namespace Actors.Grains.Runtime;

/// <summary>
/// One turn of one grain: the key's lock is held and the committed state loaded until disposed. A grain
/// changes its state only through <see cref="CommitAsync"/>, and publishes follow-ups only after it.
/// </summary>
public sealed class GrainTurn<TState> : IAsyncDisposable where TState : class
{
    private readonly IGrainStateStore _store;
    private readonly IDisposable _lock;

    internal GrainTurn(IGrainStateStore store, IDisposable turnLock, string kind, string key, StoredGrain<TState>? stored)
    {
        _store = store;
        _lock = turnLock;
        Kind = kind;
        Key = key;
        State = stored?.State;
        Version = stored?.Version ?? 0;
        UpdatedAt = stored?.UpdatedAt;
        Owner = stored?.Owner;
    }

    /// <summary>Grain kind.</summary>
    public string Kind { get; }

    /// <summary>Grain key.</summary>
    public string Key { get; }

    /// <summary>The committed state, or null when the grain has none yet.</summary>
    public TState? State { get; private set; }

    /// <summary>The committed version (0 = none).</summary>
    public long Version { get; private set; }

    /// <summary>When the state was last committed.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>The silo incarnation that holds work in progress on this grain, as committed.</summary>
    public string? Owner { get; private set; }

    /// <summary>Commits a new state; a concurrent commit elsewhere makes this throw and the message retry.</summary>
    public async Task CommitAsync(TState state, string status, string? owner, CancellationToken cancellationToken)
    {
        Version = await _store.WriteAsync(Kind, Key, state, status, owner, Version, cancellationToken);
        State = state;
        Owner = owner;
        UpdatedAt = DateTimeOffset.UtcNow;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _lock.Dispose();
        return ValueTask.CompletedTask;
    }
}
