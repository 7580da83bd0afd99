namespace Actors.Silo.Endpoints.OpenEo;

// SKELETON: filled by the discovery work (well-known, capabilities, conformance, credentials, me, file_formats, collections, processes).
public static class OpenEoDiscoveryEndpoints
{
    public static IEndpointRouteBuilder MapOpenEoWellKnown(this IEndpointRouteBuilder app) => app;

    public static IEndpointRouteBuilder MapOpenEoDiscovery(this IEndpointRouteBuilder api) => api;
}
