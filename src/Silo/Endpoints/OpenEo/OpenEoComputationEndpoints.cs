using Actors.OpenEo;
using Actors.Silo.Errors;
using Actors.Silo.Security;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary>
/// openEO's computation: <c>POST /validation</c>, <c>POST /result</c>, batch jobs under <c>/jobs</c> and user-defined
/// processes under <c>/process_graphs</c>. Every endpoint needs the reader role and acts for the caller's subject;
/// only the download of a result asset also accepts a signed link instead of credentials.
/// </summary>
public static class OpenEoComputationEndpoints
{
    /// <summary>Maps the computation endpoints on the openEO group.</summary>
    public static IEndpointRouteBuilder MapOpenEoComputation(this IEndpointRouteBuilder api)
    {
        var readers = api.MapGroup("").RequireAuthorization(SiloPolicies.Read).AddEndpointFilter(AnswerOpenEoErrors);
        readers.MapValidationEndpoints();
        readers.MapResultsEndpoints();
        readers.MapJobsEndpoints();
        readers.MapJobsResultsEndpoints();
        readers.MapProcessGraphsEndpoints();
        // Signed links are the credentials of clients that download without a token; the handler checks either.
        api.MapGroup("").AllowAnonymous().AddEndpointFilter(AnswerOpenEoErrors).MapJobsResultAssetEndpoints();
        return api;
    }

    // An OpenEoException is an answer (its code and status), not a fault.
    private static async ValueTask<object?> AnswerOpenEoErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (OpenEoException e)
        {
            return OpenEoErrors.Result(context.HttpContext, e);
        }
    }
}
