using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Scenes;

namespace Actors.Silo.Endpoints;

/// <summary><c>GET /api/scenes/{id}</c>: asks the scene grain, wherever it lives in the cluster.</summary>
public static class SceneEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapSceneEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/scenes/{id}", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<ISceneGrain>(id).GetStatusAsync() is { } status
                ? Results.Ok(status)
                : Results.NotFound(new ApiError($"No scene '{EchoedText.Of(id)}'.")));
        return app;
    }
}
