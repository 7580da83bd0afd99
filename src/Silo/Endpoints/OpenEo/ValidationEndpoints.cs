using System.Text.Json.Nodes;
using Actors.Grains.OpenEo;
using Actors.OpenEo;
using Actors.Silo.Security;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary><c>POST /validation</c>: the problems of a process, always 200 (an empty list when it is valid).</summary>
public static class ValidationEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapValidationEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/validation", async (HttpContext context, IProcessGraphValidator validator, IGrainFactory grains) =>
        {
            var process = await OpenEoRequests.ReadObjectAsync(context);
            var users = await UserProcesses.LoadAsync(grains, context.User.ToCaller().Subject);
            var errors = new JsonArray();
            foreach (var problem in validator.Validate(process, users))
                errors.Add(new JsonObject { ["code"] = problem.Code, ["message"] = problem.Message });
            return Results.Json(new JsonObject { ["errors"] = errors });
        });
        return api;
    }
}
