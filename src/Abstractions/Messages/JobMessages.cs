namespace Actors.Abstractions.Messages;

/// <summary>Command to a job grain: track these products of a scene as part of the job.</summary>
public sealed record TrackScene(string JobId, string SceneId, IReadOnlyList<string> Products);

/// <summary>Command to a job grain: a tracked product changed state (Running, Completed or Failed).</summary>
public sealed record TrackProductState(string JobId, string SceneId, string Product, string State, string? Reason);
