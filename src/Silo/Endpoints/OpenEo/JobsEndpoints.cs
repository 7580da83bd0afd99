using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Actors.Abstractions.OpenEo;
using Actors.Grains.OpenEo;
using Actors.OpenEo;
using Actors.Silo.Errors;
using Actors.Silo.Security;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary>
/// Batch jobs (<c>/jobs</c>): create, list, describe, update, delete, start, cancel, logs and estimate. A job belongs to
/// the caller who created it; another user's job answers 404 <c>JobNotFound</c> like a missing one (administrators see
/// every job by id). Processes are validated when stored.
/// </summary>
public static class JobsEndpoints
{
    private const int DefaultLogLimit = 100;
    private const int MaxLogLimit = 1000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapJobsEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/jobs", async (HttpContext context, IGrainFactory grains, IProcessGraphValidator validator, AuditLog audit) =>
        {
            var body = await OpenEoRequests.ReadObjectAsync(context);
            var caller = context.User.ToCaller();
            var process = await ValidProcessAsync(body["process"], validator, grains, caller.Subject);
            var spec = new OpenEoJobSpec(
                Text(body, "title"), Text(body, "description"), process.ToJsonString(), Text(body, "plan"), Budget(body),
                // openEO's default: info and above; debug only when asked for.
                LogLevel(body) ?? "info");
            string id;
            do id = "j-" + RandomNumberGenerator.GetHexString(20, lowercase: true);
            while (!await grains.GetGrain<IOpenEoJobGrain>(id).CreateAsync(caller.Subject, spec));
            audit.Changed(context, "openeo.job.create", id);
            context.Response.Headers["OpenEO-Identifier"] = id;
            return Results.Created(OpenEoRequests.Url(context, $"/jobs/{id}"), null);
        });

        api.MapGet("/jobs", async (HttpContext context, IGrainFactory grains) =>
        {
            var caller = context.User.ToCaller();
            var ids = await grains.GetGrain<IOpenEoOwnerJobsGrain>(caller.Subject).ListAsync();
            var jobs = await Task.WhenAll(ids.Select(id => OpenEoRequests.FindJobAsync(grains, caller, id)));
            var list = new JsonArray();
            foreach (var job in jobs.OfType<OpenEoJobInfo>().OrderByDescending(j => j.Created))
                list.Add(JobsDocuments.Job(context, job, full: false));
            return Results.Json(new JsonObject { ["jobs"] = list, ["links"] = new JsonArray() });
        });

        api.MapGet("/jobs/{id}", async (string id, HttpContext context, IGrainFactory grains) =>
            Results.Json(JobsDocuments.Job(context, await OpenEoRequests.FindJobAsync(grains, context, id), full: true)));

        api.MapMethods("/jobs/{id}", ["PATCH"], async (string id, HttpContext context, IGrainFactory grains, IProcessGraphValidator validator, AuditLog audit) =>
        {
            var job = await OpenEoRequests.FindJobAsync(grains, context, id);
            var body = await OpenEoRequests.ReadObjectAsync(context);
            if (OpenEoJobStates.IsActive(job.Status))
                return OpenEoErrors.Result(context, 400, "JobLocked", "Batch job is locked due to a queued or running batch computation.");
            var process = body.ContainsKey("process") ? (await ValidProcessAsync(body["process"], validator, grains, job.Owner)).ToJsonString() : null;
            var update = new OpenEoJobUpdate(
                Text(body, "title"), body.ContainsKey("title"), Text(body, "description"), body.ContainsKey("description"), process,
                Text(body, "plan"), body.ContainsKey("plan"), Budget(body), body.ContainsKey("budget"), LogLevel(body));
            if (await grains.GetGrain<IOpenEoJobGrain>(id).UpdateAsync(update) is { } code)
                return OpenEoErrors.Result(context, OpenEoRequests.StatusOf(code), code,
                    code == "JobLocked" ? "Batch job is locked due to a queued or running batch computation." : $"The batch job '{id}' does not exist.");
            audit.Changed(context, "openeo.job.update", id);
            return Results.NoContent();
        });

        api.MapDelete("/jobs/{id}", async (string id, HttpContext context, IGrainFactory grains, AuditLog audit) =>
        {
            await OpenEoRequests.FindJobAsync(grains, context, id);
            await grains.GetGrain<IOpenEoJobGrain>(id).DeleteAsync();
            audit.Changed(context, "openeo.job.delete", id);
            return Results.NoContent();
        });

        api.MapPost("/jobs/{id}/results", async (string id, HttpContext context, IGrainFactory grains, AuditLog audit) =>
        {
            await OpenEoRequests.FindJobAsync(grains, context, id);
            await grains.GetGrain<IOpenEoJobGrain>(id).StartAsync();
            audit.Changed(context, "openeo.job.start", id);
            return Results.Accepted();
        });

        api.MapDelete("/jobs/{id}/results", async (string id, HttpContext context, IGrainFactory grains, AuditLog audit) =>
        {
            await OpenEoRequests.FindJobAsync(grains, context, id);
            await grains.GetGrain<IOpenEoJobGrain>(id).CancelAsync();
            audit.Changed(context, "openeo.job.cancel", id);
            return Results.NoContent();
        });

        api.MapGet("/jobs/{id}/logs", async (string id, string? offset, string? level, int? limit, HttpContext context, IGrainFactory grains) =>
        {
            await OpenEoRequests.FindJobAsync(grains, context, id);
            if (level is not null && !OpenEoLogLevels.IsLevel(level))
                return OpenEoErrors.Result(context, 400, "BadRequest", "level must be one of error, warning, info, debug.");
            var take = Math.Clamp(limit ?? DefaultLogLimit, 1, MaxLogLimit);
            var page = await grains.GetGrain<IOpenEoJobGrain>(id).GetLogsAsync(offset, level, take);
            var links = new JsonArray();
            if (page.Next is { } next)
                links.Add(JobsDocuments.Link(OpenEoRequests.Url(context,
                    $"/jobs/{id}/logs?offset={Uri.EscapeDataString(next)}&limit={take.ToString(CultureInfo.InvariantCulture)}"
                    + (level is null ? "" : $"&level={level}")), "next"));
            return Results.Json(new JsonObject
            {
                ["level"] = page.Level,
                ["logs"] = new JsonArray(page.Entries.Select(e => (JsonNode)JobsDocuments.LogEntry(e)).ToArray()),
                ["links"] = links,
            });
        });

        api.MapGet("/jobs/{id}/estimate", async (string id, HttpContext context, IGrainFactory grains) =>
        {
            await OpenEoRequests.FindJobAsync(grains, context, id);
            // This back-end charges nothing, and downloads are unlimited.
            return Results.Json(new JsonObject { ["costs"] = 0, ["downloads_included"] = null });
        });
        return api;
    }

    private static async Task<JsonObject> ValidProcessAsync(JsonNode? node, IProcessGraphValidator validator, IGrainFactory grains, string owner)
    {
        if (node is not JsonObject process || process["process_graph"] is not JsonObject)
            throw new OpenEoException("ProcessGraphMissing", "Invalid process specified. It doesn't contain a process graph.");
        var users = await UserProcesses.LoadAsync(grains, owner);
        if (validator.Validate(process, users).FirstOrDefault() is { } problem)
            throw new OpenEoException(problem.Code, problem.Message, OpenEoRequests.StatusOf(problem.Code));
        return process;
    }

    private static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new OpenEoException("BadRequest", $"'{name}' must be a string or null."),
    };

    private static double? Budget(JsonObject body) => body["budget"] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<double>(out var number) && number >= 0 => number,
        _ => throw new OpenEoException("BudgetInvalid", "The budget must be a non-negative number or null."),
    };

    private static string? LogLevel(JsonObject body) => Text(body, "log_level") switch
    {
        null => null,
        var level when OpenEoLogLevels.IsLevel(level) => level,
        _ => throw new OpenEoException("BadRequest", "log_level must be one of error, warning, info, debug."),
    };
}
