using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Jobs;
using Actors.Silo.Security;

namespace Actors.Silo.Endpoints;

/// <summary><c>GET /api/jobs/{id}</c>: asks the job grain; a job is visible to its owner and to administrators only.</summary>
public static class JobEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/jobs/{id}", async (string id, HttpContext context, IGrainFactory grains) =>
            await grains.GetGrain<IJobGrain>(id).GetStatusAsync(context.User.ToCaller()) is { } status
                ? Results.Ok(status)
                : Results.NotFound(new ApiError($"No job '{EchoedText.Of(id)}'.")));
        return app;
    }
}
