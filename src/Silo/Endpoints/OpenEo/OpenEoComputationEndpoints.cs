namespace Actors.Silo.Endpoints.OpenEo;

// SKELETON: filled by the computation work (validation, result, jobs, process_graphs).
public static class OpenEoComputationEndpoints
{
    public static IEndpointRouteBuilder MapOpenEoComputation(this IEndpointRouteBuilder api) => api;
}
