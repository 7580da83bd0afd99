using Actors.Abstractions.Api;

namespace Actors.Grains.Membership;

/// <summary>
/// The cluster's membership table: every silo incarnation with its heartbeat. Liveness is judged in
/// the database's clock, so silos on machines with skewed clocks agree.
/// </summary>
public interface IMembershipTable
{
    /// <summary>
    /// Records <paramref name="member"/> as active. Earlier active incarnations of the same name are
    /// declared dead: a silo restarted under its name proves its predecessor is gone.
    /// </summary>
    Task JoinAsync(SiloMember member, CancellationToken cancellationToken);

    /// <summary>Refreshes the incarnation's heartbeat; returns false when others had declared it dead (it is active again).</summary>
    Task<bool> HeartbeatAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Marks the incarnation as stopped (graceful leave).</summary>
    Task LeaveAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Declares dead every active incarnation whose last heartbeat is older than <paramref name="deadAfter"/>; returns them.</summary>
    Task<IReadOnlyList<string>> DeclareDeadAsync(TimeSpan deadAfter, CancellationToken cancellationToken);

    /// <summary>Dead or stopped incarnations whose held work has not been handed over yet.</summary>
    Task<IReadOnlyList<string>> FindAbandonedAsync(CancellationToken cancellationToken);

    /// <summary>Records that the work <paramref name="instanceId"/> held was handed to the live silos.</summary>
    Task MarkWorkResumedAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>True when the incarnation is active and heartbeated within <paramref name="deadAfter"/>.</summary>
    Task<bool> IsLiveAsync(string instanceId, TimeSpan deadAfter, CancellationToken cancellationToken);

    /// <summary>Every incarnation known, newest first.</summary>
    Task<IReadOnlyList<SiloMember>> ListAsync(CancellationToken cancellationToken);
}
