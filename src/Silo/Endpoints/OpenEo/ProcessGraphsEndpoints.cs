using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Abstractions.OpenEo;
using Actors.Grains.OpenEo;
using Actors.OpenEo;
using Actors.Silo.Errors;
using Actors.Silo.Security;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary>
/// User-defined processes (<c>/process_graphs</c>): each user's own, stored in their <see cref="IOpenEoProcessGraphsGrain"/>,
/// validated when stored; an id of a predefined process is refused.
/// </summary>
public static partial class ProcessGraphsEndpoints
{
    // Metadata left out of the list, as the specification recommends (GET /process_graphs/{id} has everything).
    private static readonly string[] ListOmits = ["process_graph", "exceptions", "examples", "links"];

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapProcessGraphsEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/process_graphs", async (HttpContext context, IGrainFactory grains) =>
        {
            var stored = await grains.GetGrain<IOpenEoProcessGraphsGrain>(context.User.ToCaller().Subject).ListAsync();
            var processes = new JsonArray();
            foreach (var (id, json) in stored.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (JsonNode.Parse(json) is not JsonObject process) continue;
                foreach (var omitted in ListOmits) process.Remove(omitted);
                process["id"] = id;
                processes.Add(process);
            }
            return Results.Json(new JsonObject { ["processes"] = processes, ["links"] = new JsonArray() });
        });

        api.MapPut("/process_graphs/{id}", async (string id, HttpContext context, IGrainFactory grains, IProcessCatalog catalog,
            IProcessGraphValidator validator, AuditLog audit) =>
        {
            if (!ProcessId().IsMatch(id))
                return OpenEoErrors.Result(context, 400, "ProcessGraphInvalid", "A process id consists of letters, digits and underscores.");
            if (catalog.Find(id) is not null)
                return OpenEoErrors.Result(context, 400, "PredefinedProcessExists", $"A predefined process with the identifier '{id}' exists.");
            var process = await OpenEoRequests.ReadObjectAsync(context);
            if (process["process_graph"] is not JsonObject)
                return OpenEoErrors.Result(context, 400, "ProcessGraphMissing", "Invalid process specified. It doesn't contain a process graph.");
            process["id"] = id;
            var owner = context.User.ToCaller().Subject;
            var users = await UserProcesses.LoadAsync(grains, owner);
            if (validator.Validate(process, users).FirstOrDefault() is { } problem)
                return OpenEoErrors.Result(context, OpenEoRequests.StatusOf(problem.Code), problem.Code, problem.Message);
            await grains.GetGrain<IOpenEoProcessGraphsGrain>(owner).PutAsync(id, process.ToJsonString());
            audit.Changed(context, "openeo.process_graph.store", id);
            return Results.Ok();
        });

        api.MapGet("/process_graphs/{id}", async (string id, HttpContext context, IGrainFactory grains) =>
            await grains.GetGrain<IOpenEoProcessGraphsGrain>(context.User.ToCaller().Subject).GetAsync(id) is { } json
                ? Results.Content(json, "application/json")
                : NotFound(context, id));

        api.MapDelete("/process_graphs/{id}", async (string id, HttpContext context, IGrainFactory grains, AuditLog audit) =>
        {
            if (!await grains.GetGrain<IOpenEoProcessGraphsGrain>(context.User.ToCaller().Subject).DeleteAsync(id)) return NotFound(context, id);
            audit.Changed(context, "openeo.process_graph.delete", id);
            return Results.NoContent();
        });
        return api;
    }

    private static IResult NotFound(HttpContext context, string id) =>
        OpenEoErrors.Result(context, 404, "ProcessGraphNotFound", $"User-defined process '{Actors.Abstractions.EchoedText.Of(id)}' does not exist.");

    [GeneratedRegex(@"^\w+$")]
    private static partial Regex ProcessId();
}
