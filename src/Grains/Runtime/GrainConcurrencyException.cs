namespace Actors.Grains.Runtime;

/// <summary>
/// A write presented a stale version: another turn (in this or another process) committed first.
/// The message is retried, and the retry sees the newer state.
/// </summary>
public sealed class GrainConcurrencyException(string kind, string key, long expectedVersion)
    : Exception($"{kind} '{key}' changed since version {expectedVersion}; the turn is retried on the newer state.");
