using Actors.Abstractions.Streams;

namespace Actors.Silo.Endpoints;

/// <summary>
/// <c>GET /api/streams</c>: how far behind the event streams are. With Redis Streams, per key (the ingress key
/// and each Orleans queue) its length, the entries delivered and not acknowledged (pending) and those not yet
/// read (unread); with memory streams there is nothing durable to report.
/// </summary>
public static class StreamEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapStreamEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/streams", async (IGrainFactory grains) => Results.Ok(await grains.GetGrain<IStreamLagGrain>(0).GetState()));
        return app;
    }
}
