namespace Actors.Grains.Runtime;

/// <summary>
/// Durable grain state with optimistic concurrency. The store is the source of truth: messages may be
/// lost (in-memory transport) or repeated, committed state is not.
/// </summary>
public interface IGrainStateStore
{
    /// <summary>The committed state of a grain, or null if it has none yet.</summary>
    Task<StoredGrain<TState>?> ReadAsync<TState>(string kind, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Commits <paramref name="state"/> if the stored version is still <paramref name="expectedVersion"/>
    /// (0 = must not exist yet) and returns the new version.
    /// </summary>
    /// <param name="status">Indexed lifecycle status, for finding unfinished work.</param>
    /// <param name="owner">Silo holding the work, if any.</param>
    /// <exception cref="GrainConcurrencyException">The version moved on.</exception>
    Task<long> WriteAsync<TState>(string kind, string key, TState state, string status, string? owner, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Keys of the grains of a kind whose status is one of <paramref name="statuses"/>.</summary>
    Task<IReadOnlyList<string>> FindAsync(string kind, IReadOnlyCollection<string> statuses, CancellationToken cancellationToken);

    /// <summary>The grains whose work in progress is held by the silo incarnation <paramref name="owner"/>.</summary>
    Task<IReadOnlyList<GrainRef>> FindHeldByAsync(string owner, CancellationToken cancellationToken);
}
