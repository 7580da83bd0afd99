using Actors.Abstractions.Security;

namespace Actors.Grains.Jobs;

/// <summary>
/// Durable state of a job grain: its scenes, the last known state of each of their products, and its owner
/// (the subject whose acquisition first named it; jobs kept from before owners existed belong to the anonymous user).
/// </summary>
public sealed record JobState(IReadOnlyList<string> Scenes, IReadOnlyList<JobProductEntry> Products, string? Owner = null)
{
    /// <summary>The owner, the anonymous user for a job that recorded none.</summary>
    public string OwnerOrAnonymous => Owner ?? Caller.AnonymousSubject;
}

/// <summary>One product of one scene, as the job last heard of it.</summary>
public sealed record JobProductEntry(string SceneId, string Product, string Version, string State, string? Reason);
