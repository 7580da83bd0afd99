using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.OpenEo;
using Actors.Abstractions.Security;
using Actors.Grains.Configuration;
using Actors.Grains.OpenEo;
using Actors.Grains.Storage;
using Actors.Silo.Errors;
using Actors.Silo.Security;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary>
/// A finished job's results: <c>GET /jobs/{id}/results</c> describes them as a STAC item whose asset hrefs are signed
/// download links on this API (<c>/jobs/{id}/results/assets/{name}?expires=…&amp;signature=…</c>); the download
/// streams the object to a client holding a valid signature, or to the job's owner (or an administrator) with
/// credentials.
/// </summary>
public static class JobsResultsEndpoints
{
    /// <summary>Maps <c>GET /jobs/{id}/results</c>.</summary>
    public static IEndpointRouteBuilder MapJobsResultsEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/jobs/{id}/results", async (string id, bool? partial, HttpContext context, IGrainFactory grains,
            ResultLinkSigner signer, IOptions<OpenEoSettings> settings) =>
        {
            var job = await OpenEoRequests.FindJobAsync(grains, context, id);
            if (job.Status == OpenEoJobStates.Error)
                return Results.Json(new JsonObject
                {
                    ["id"] = "error", ["level"] = "error", ["message"] = job.Error ?? "The batch job failed.",
                    ["time"] = OpenEoRequests.Time(job.Updated),
                }, statusCode: StatusCodes.Status424FailedDependency);
            if (job.Status != OpenEoJobStates.Finished && partial != true)
                return OpenEoErrors.Result(context, 400, "JobNotFinished",
                    $"Batch job has not finished computing the results yet (it is {job.Status}). Please try again later.");
            var expires = DateTimeOffset.UtcNow.Add(settings.Value.ResultLinkLifetime);
            return Results.Json(await ItemAsync(context, job, signer, expires));
        });
        return api;
    }

    /// <summary>Maps the download of a result asset (needs a signature or credentials; checked here).</summary>
    public static IEndpointRouteBuilder MapJobsResultAssetEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/jobs/{id}/results/assets/{name}", async (string id, string name, long? expires, string? signature,
            HttpContext context, IGrainFactory grains, ResultLinkSigner signer, IObjectStore objects) =>
        {
            OpenEoJobInfo? job;
            if (signature is not null)
            {
                if (expires is null || !OpenEoRequests.IsJobId(id) || !await signer.VerifyAsync(id, name, expires.Value, signature))
                    return OpenEoErrors.Result(context, 403, "CredentialsInvalid", "The link's signature is not valid.");
                if (DateTimeOffset.FromUnixTimeSeconds(expires.Value) < DateTimeOffset.UtcNow)
                    return OpenEoErrors.Result(context, 410, "ResultLinkExpired", "The link to the batch job result has expired. Please request the results again.");
                job = await grains.GetGrain<IOpenEoJobGrain>(id).GetAsync();
            }
            else
            {
                var caller = context.User.ToCaller();
                // As the reader policy: a stronger role reads too.
                if (!Roles.Satisfying(Roles.Reader).Any(caller.Roles.Contains))
                {
                    if (caller.Subject == Caller.AnonymousSubject)
                    {
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        return OpenEoErrors.Result(context, 401, "AuthenticationRequired", "Send credentials or use the signed link from GET /jobs/{id}/results.");
                    }
                    return OpenEoErrors.Result(context, 403, "PermissionsInsufficient", "Your credentials do not hold the reader role.");
                }
                job = await OpenEoRequests.FindJobAsync(grains, caller, id);
            }
            if (job is null || job.Status != OpenEoJobStates.Finished || job.Results.FirstOrDefault(a => a.Name == name) is not { } asset)
                return OpenEoErrors.Result(context, 404, "FileNotFound", $"The batch job has no result '{EchoedText.Of(name)}'.");
            if (await objects.OpenReadAsync(asset.ObjectKey, context.RequestAborted) is not { } stored)
                return OpenEoErrors.Result(context, 404, "FileNotFound", $"The result '{EchoedText.Of(name)}' is gone.");
            context.Response.ContentLength = stored.Length;
            context.Response.RegisterForDisposeAsync(stored);
            return Results.Stream(stored.Content, asset.MediaType, asset.Name);
        });
        return api;
    }

    private static async Task<JsonObject> ItemAsync(HttpContext context, OpenEoJobInfo job, ResultLinkSigner signer, DateTimeOffset expires)
    {
        var expiresAt = expires.ToUnixTimeSeconds();
        var assets = new JsonObject();
        if (job.Status == OpenEoJobStates.Finished)
        {
            foreach (var result in job.Results)
            {
                var signature = await signer.SignAsync(job.Id, result.Name, expiresAt);
                var asset = new JsonObject
                {
                    ["href"] = OpenEoRequests.Url(context,
                        $"/jobs/{job.Id}/results/assets/{Uri.EscapeDataString(result.Name)}?expires={expiresAt.ToString(CultureInfo.InvariantCulture)}&signature={signature}"),
                    ["type"] = result.MediaType,
                    ["title"] = result.Name,
                    ["roles"] = new JsonArray("data"),
                };
                if (result.Bands.Count > 0)
                    asset["bands"] = new JsonArray(result.Bands.Select(b => (JsonNode)new JsonObject { ["name"] = b }).ToArray());
                assets[result.Name] = asset;
            }
        }

        var properties = new JsonObject();
        var extent = job.Extent;
        if (extent?.Start is { } start && extent.End is { } end && start != end)
        {
            properties["datetime"] = null;
            properties["start_datetime"] = OpenEoRequests.Time(start);
            properties["end_datetime"] = OpenEoRequests.Time(end);
        }
        else
            properties["datetime"] = OpenEoRequests.Time(extent?.Start ?? job.Updated);
        if (job.Title is not null) properties["title"] = job.Title;
        if (job.Description is not null) properties["description"] = job.Description;
        properties["created"] = OpenEoRequests.Time(job.Created);
        properties["updated"] = OpenEoRequests.Time(job.Updated);
        properties["expires"] = OpenEoRequests.Time(expires);
        properties["openeo:status"] = job.Status is OpenEoJobStates.Finished or OpenEoJobStates.Canceled or OpenEoJobStates.Error
            ? job.Status
            : OpenEoJobStates.Running;
        if (job.Usage is { } usage) properties["usage"] = JobsDocuments.Usage(usage);

        var item = new JsonObject
        {
            ["stac_version"] = "1.1.0",
            ["stac_extensions"] = new JsonArray(),
            ["type"] = "Feature",
            ["id"] = job.Id,
        };
        if (extent is { Bbox: [var west, var south, var east, var north] })
        {
            item["bbox"] = new JsonArray(west, south, east, north);
            item["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(
                    new JsonArray(west, south), new JsonArray(east, south), new JsonArray(east, north), new JsonArray(west, north), new JsonArray(west, south))),
            };
        }
        else
            item["geometry"] = null;
        item["properties"] = properties;
        item["assets"] = assets;
        item["links"] = new JsonArray(
            JobsDocuments.Link(OpenEoRequests.Url(context, $"/jobs/{job.Id}/results"), "self", "Batch job results", "application/geo+json"),
            JobsDocuments.Link(OpenEoRequests.Url(context, $"/jobs/{job.Id}"), "via", "Batch job"));
        return item;
    }
}
