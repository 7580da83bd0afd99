using Actors.Abstractions.Api;
using Actors.Grains.Queries;

namespace Actors.Silo.Endpoints;

/// <summary><c>GET /api/jobs/{id}</c>.</summary>
public static class JobEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/jobs/{id}", async (string id, StatusQueries queries, CancellationToken cancellationToken) =>
            await queries.JobAsync(id, cancellationToken) is { } status
                ? Results.Ok(status)
                : Results.NotFound(new ApiError($"No job '{id}'.")));
        return app;
    }
}
