using Actors.Silo.Security;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary>
/// The openEO API 1.2 under <see cref="BasePath"/>, and its version discovery at <c>/.well-known/openeo</c>. Discovery
/// (capabilities, collections, processes, formats, credentials) and computation (validation, synchronous results,
/// batch jobs, user-defined processes) are mapped by their own classes.
/// </summary>
public static class OpenEoEndpoints
{
    /// <summary>Where the API lives.</summary>
    public const string BasePath = "/openeo/1.2";

    /// <summary>Maps the openEO API.</summary>
    public static IEndpointRouteBuilder MapOpenEo(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath);
        app.MapOpenEoWellKnown();
        api.MapOpenEoDiscovery();
        api.MapOpenEoComputation();
        return app;
    }
}
