using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.OpenEo;
using Actors.Abstractions.Security;
using Actors.OpenEo;
using Actors.Silo.Security;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary>What the computation endpoints share: reading JSON bodies, finding the caller's job, RFC 3339 times.</summary>
public static class OpenEoRequests
{
    /// <summary>The request body as a JSON object.</summary>
    /// <exception cref="OpenEoException">The body is not a JSON object (400).</exception>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                ?? throw new OpenEoException("BadRequest", "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new OpenEoException("BadRequest", $"The request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// The job <paramref name="id"/> when the caller may see it (its owner, or an administrator).
    /// </summary>
    /// <exception cref="OpenEoException">No such job, or another user's (404 <c>JobNotFound</c> alike, so ids reveal nothing).</exception>
    public static async Task<OpenEoJobInfo> FindJobAsync(IGrainFactory grains, HttpContext context, string id) =>
        await FindJobAsync(grains, context.User.ToCaller(), id)
        ?? throw new OpenEoException("JobNotFound", $"The batch job '{Actors.Abstractions.EchoedText.Of(id)}' does not exist.", 404);

    /// <summary>The job <paramref name="id"/> when <paramref name="caller"/> may see it, else null.</summary>
    public static async Task<OpenEoJobInfo?> FindJobAsync(IGrainFactory grains, Caller caller, string id) =>
        IsJobId(id) && await grains.GetGrain<IOpenEoJobGrain>(id).GetAsync() is { } job && caller.MayAccess(job.Owner) ? job : null;

    /// <summary>True for the form of a job id (openEO's pattern, bounded).</summary>
    public static bool IsJobId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '~');

    /// <summary>The HTTP status of an openEO error code (errors.json).</summary>
    public static int StatusOf(string code) => code switch
    {
        "CollectionNotFound" or "ProcessGraphNotFound" or "JobNotFound" or "NotFound" or "FileNotFound" => 404,
        "Internal" or "StorageFailure" or "EstimateComplexity" => 500,
        "InfrastructureBusy" or "InfrastructureMaintenance" => 503,
        _ => 400,
    };

    /// <summary>An RFC 3339 UTC time.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The absolute URL of <paramref name="path"/> under the openEO API, as the client reached this silo (through a
    /// trusted proxy's <c>X-Forwarded-*</c> headers, like every other link the API writes).
    /// </summary>
    public static string Url(HttpContext context, string path) => CapabilitiesDocument.ApiRoot(context.Request) + path;
}
