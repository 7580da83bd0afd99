namespace Actors.Grains.Runtime;

/// <summary>A grain's committed state and its version (the ETag a write must present).</summary>
/// <param name="Key">Grain key.</param>
/// <param name="Version">Committed version.</param>
/// <param name="State">Committed state.</param>
/// <param name="UpdatedAt">When it was committed.</param>
/// <param name="Owner">The silo incarnation holding work in progress on this grain, if any.</param>
public sealed record StoredGrain<TState>(string Key, long Version, TState State, DateTimeOffset UpdatedAt, string? Owner = null);
