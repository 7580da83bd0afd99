using Actors.Abstractions.Api;
using Orleans.Runtime;

namespace Actors.Abstractions.Cluster;

/// <summary>Reads Orleans' own membership table, for the API and the SDK.</summary>
public static class ClusterMembership
{
    /// <summary>Every silo incarnation the cluster knows, newest first.</summary>
    public static async Task<IReadOnlyList<SiloMember>> ListAsync(IGrainFactory grains)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        return hosts
            .OrderByDescending(h => h.StartTime)
            .Select(h => new SiloMember(
                h.SiloAddress.ToParsableString(), h.SiloName, h.SiloAddress.Endpoint.ToString(),
                AsUtc(h.StartTime), AsUtc(h.IAmAliveTime), StateOf(h.Status)))
            .ToArray();
    }

    private static DateTimeOffset AsUtc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static string StateOf(SiloStatus status) => status switch
    {
        SiloStatus.Active => SiloStates.Active,
        SiloStatus.ShuttingDown or SiloStatus.Stopping => SiloStates.Stopping,
        SiloStatus.Dead => SiloStates.Dead,
        _ => SiloStates.Joining,
    };
}
