namespace Actors.Grains.Runtime;

/// <summary>A grain by kind and key, as found by a query over the state store.</summary>
public sealed record GrainRef(string Kind, string Key);
