using Actors.Abstractions.Api;
using Actors.Abstractions.Jobs;

namespace Actors.Silo.Endpoints;

/// <summary><c>GET /api/jobs/{id}</c>: asks the job grain.</summary>
public static class JobEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/jobs/{id}", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IJobGrain>(id).GetStatusAsync() is { } status
                ? Results.Ok(status)
                : Results.NotFound(new ApiError($"No job '{id}'.")));
        return app;
    }
}
