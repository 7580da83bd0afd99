using Actors.Abstractions;
using Actors.Abstractions.Api;
using Microsoft.AspNetCore.WebUtilities;

namespace Actors.Silo.Errors;

/// <summary>
/// Every error answer has a JSON body: <c>{"error": "..."}</c> under <c>/api</c> and elsewhere, STAC's
/// <c>{"code", "description"}</c> under <c>/stac</c>, openEO's <c>{"id", "code", "message"}</c> under <c>/openeo</c>. Answers the framework would leave empty (401, 403, 404 of an
/// unknown route, 405, 413, 415, 429) get one too. Messages quote user input only truncated.
/// </summary>
public static class ErrorResponses
{
    /// <summary>The <see cref="HttpContext.Items"/> key where a handler leaves the reason for a body-less error.</summary>
    public const string ReasonKey = "eo-error-reason";

    /// <summary>Writes the error body for <paramref name="status"/> with <paramref name="message"/>.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/stac"))
            return context.Response.WriteAsJsonAsync(new StacError(CodeOf(status), message));
        if (context.Request.Path.StartsWithSegments("/openeo"))
            return OpenEoErrors.WriteAsync(context, status, OpenEoErrors.CodeOf(status), message);
        return context.Response.WriteAsJsonAsync(new ApiError(message));
    }

    /// <summary>The body of an error a handler answered without one (see <see cref="ReasonKey"/>).</summary>
    public static Task WriteMissingBodyAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var message = context.Items[ReasonKey] as string ?? DefaultMessage(context, status);
        if (status == StatusCodes.Status401Unauthorized && !context.Response.Headers.ContainsKey("WWW-Authenticate"))
            context.Response.Headers.WWWAuthenticate = "Bearer";
        return WriteAsync(context, status, message);
    }

    private static string DefaultMessage(HttpContext context, int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Authentication required: send 'Authorization: Bearer <token or API key>'.",
        StatusCodes.Status403Forbidden => "Your credentials do not hold the role this needs.",
        StatusCodes.Status404NotFound => $"Nothing at {context.Request.Method} {EchoedText.Of(context.Request.Path.Value)}.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {EchoedText.Of(context.Request.Path.Value)}.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this silo accepts (Limits:MaxRequestBodyBytes).",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported content type: send JSON ('Content-Type: application/json').",
        StatusCodes.Status429TooManyRequests => "Too many requests: slow down and retry after the time in 'Retry-After'.",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : $"HTTP {status}.",
    };

    private static string CodeOf(int status) => status switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        409 => "Conflict",
        413 => "PayloadTooLarge",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        _ => ReasonPhrases.GetReasonPhrase(status).Replace(" ", "", StringComparison.Ordinal) is { Length: > 0 } code ? code : "Error",
    };

    private sealed record StacError(string Code, string Description);
}
