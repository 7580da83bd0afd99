using Actors.Grains.Membership;

namespace Actors.Silo.Endpoints;

/// <summary><c>GET /api/cluster/silos</c>: the membership table, for operators and the dashboard.</summary>
public static class ClusterEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster/silos", async (IMembershipTable membership, CancellationToken cancellationToken) =>
            Results.Ok(await membership.ListAsync(cancellationToken)));
        return app;
    }
}
