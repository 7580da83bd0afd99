namespace Actors.Grains.Jobs;

/// <summary>Durable state of a job grain: its scenes and the last known state of each of their products.</summary>
public sealed record JobState(IReadOnlyList<string> Scenes, IReadOnlyList<JobProductEntry> Products);

/// <summary>One product of one scene, as the job last heard of it.</summary>
public sealed record JobProductEntry(string SceneId, string Product, string Version, string State, string? Reason);
