using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Publishing;

namespace Actors.Silo.Endpoints;

/// <summary><c>GET /api/publications/{collection}/{itemId}</c>: where an item's push to the external STAC API stands.</summary>
public static class PublicationEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapPublicationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/publications/{collection}/{itemId}", async (string collection, string itemId, IGrainFactory grains) =>
            await grains.GetGrain<IStacPublicationGrain>(GrainKeys.Publication(collection, itemId)).GetStatusAsync() is { } status
                ? Results.Ok(status)
                : Results.NotFound(new ApiError($"No publication of '{EchoedText.Of(itemId)}' in '{EchoedText.Of(collection)}'.")));
        return app;
    }
}
