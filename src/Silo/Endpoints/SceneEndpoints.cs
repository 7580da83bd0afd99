using Actors.Abstractions.Api;
using Actors.Grains.Queries;

namespace Actors.Silo.Endpoints;

/// <summary><c>GET /api/scenes/{id}</c>.</summary>
public static class SceneEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapSceneEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/scenes/{id}", async (string id, StatusQueries queries, CancellationToken cancellationToken) =>
            await queries.SceneAsync(id, cancellationToken) is { } status
                ? Results.Ok(status)
                : Results.NotFound(new ApiError($"No scene '{id}'.")));
        return app;
    }
}
