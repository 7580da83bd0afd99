using Actors.Abstractions.Api;
using Actors.Abstractions.Messages;
using MassTransit;

namespace Actors.Silo.Endpoints;

/// <summary><c>POST /api/acquisitions</c>: validates everything first, then asks the scene grain to accept.</summary>
public static class AcquisitionEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapAcquisitionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/acquisitions", async (HttpRequest request, AcquisitionValidator validator,
            IRequestClient<AcceptAcquisition> scenes, CancellationToken cancellationToken) =>
        {
            var validated = await validator.ValidateAsync(request, cancellationToken);
            if (validated.Error is { } error) return Results.BadRequest(new ApiError(error));
            var accept = validated.Command!;
            var reply = await scenes.GetResponse<AcquisitionAccepted>(accept, cancellationToken);
            var status = $"/api/scenes/{Uri.EscapeDataString(accept.SceneId)}";
            return Results.Accepted(status, new AcquisitionResponse(accept.SceneId, reply.Message.State, reply.Message.AlreadyKnown, status));
        });
        return app;
    }
}
