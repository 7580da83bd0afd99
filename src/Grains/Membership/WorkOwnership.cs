using Actors.Grains.Configuration;
using Actors.Grains.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Membership;

/// <summary>
/// Decides whether a grain's work in progress belongs to someone else: a live silo other than this
/// incarnation. Such work is left alone (a duplicate message must not start it twice); work of a dead or
/// unknown incarnation is taken over.
/// </summary>
public sealed class WorkOwnership(IMembershipTable membership, SiloIdentity silo, IOptions<SiloOptions> options)
{
    /// <summary>True when <paramref name="owner"/> is another silo incarnation that is still alive.</summary>
    public async Task<bool> IsHeldElsewhereAsync(string? owner, CancellationToken cancellationToken) =>
        owner is not null && owner != silo.InstanceId && await membership.IsLiveAsync(owner, options.Value.DeadAfter, cancellationToken);
}
