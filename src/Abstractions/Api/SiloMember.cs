namespace Actors.Abstractions.Api;

/// <summary>Lifecycle states of a silo in the membership table.</summary>
public static class SiloStates
{
    /// <summary>Running and heartbeating.</summary>
    public const string Active = "active";
    /// <summary>Left the cluster by a graceful stop.</summary>
    public const string Stopped = "stopped";
    /// <summary>Stopped heartbeating (crashed, killed, cut off); the work it held was handed to live silos.</summary>
    public const string Dead = "dead";
}

/// <summary>One silo incarnation (one start of a silo process), as <c>GET /api/cluster/silos</c> shows it.</summary>
/// <param name="InstanceId">This incarnation's id: the silo's name plus a per-start suffix.</param>
/// <param name="Name">The silo's configured name (stable across restarts).</param>
/// <param name="Address">Where its API listens.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="LastSeen">Its last heartbeat, in the database's clock.</param>
/// <param name="Status">One of <see cref="SiloStates"/>.</param>
public sealed record SiloMember(string InstanceId, string Name, string Address, DateTimeOffset StartedAt, DateTimeOffset LastSeen, string Status);
