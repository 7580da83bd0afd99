using Actors.Abstractions.Cluster;
using Orleans.Dashboard;

namespace Actors.Silo.Endpoints;

/// <summary>Operators' views: <c>GET /api/cluster/silos</c> (Orleans' membership table) and the Orleans Dashboard under <c>/dashboard</c>.</summary>
public static class ClusterEndpoints
{
    /// <summary>Where the dashboard is served.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster/silos", async (IGrainFactory grains) => Results.Ok(await ClusterMembership.ListAsync(grains)));
        app.MapOrleansDashboard(routePrefix: DashboardPath);
        return app;
    }
}
