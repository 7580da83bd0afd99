namespace Actors.Grains.Runtime;

/// <summary>A grain's committed state and its version (the ETag a write must present).</summary>
public sealed record StoredGrain<TState>(string Key, long Version, TState State, DateTimeOffset UpdatedAt);
