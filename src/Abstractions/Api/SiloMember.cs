namespace Actors.Abstractions.Api;

/// <summary>Lifecycle states of a silo in Orleans' membership table, as the API names them.</summary>
public static class SiloStates
{
    /// <summary>Starting and joining the cluster.</summary>
    public const string Joining = "joining";
    /// <summary>A member of the cluster, answering probes.</summary>
    public const string Active = "active";
    /// <summary>Shutting down gracefully, handing its grains over.</summary>
    public const string Stopping = "stopping";
    /// <summary>Gone: stopped, or declared dead by the others after missed probes. A restart is a new incarnation.</summary>
    public const string Dead = "dead";
}

/// <summary>One silo incarnation (one start of a silo process), as <c>GET /api/cluster/silos</c> shows it.</summary>
/// <param name="InstanceId">This incarnation's id: its silo address and generation (<c>ip:port@generation</c>).</param>
/// <param name="Name">The silo's configured name (<c>Silo:InstanceId</c>, stable across restarts).</param>
/// <param name="Address">The silo-to-silo endpoint.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="LastSeen">Its last "I am alive" write to the membership table.</param>
/// <param name="Status">One of <see cref="SiloStates"/>.</param>
[GenerateSerializer, Immutable]
public sealed record SiloMember(string InstanceId, string Name, string Address, DateTimeOffset StartedAt, DateTimeOffset LastSeen, string Status);
