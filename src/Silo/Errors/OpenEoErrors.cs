using Actors.OpenEo;

namespace Actors.Silo.Errors;

/// <summary>
/// openEO error bodies (<c>{"id", "code", "message", "links"}</c>): <c>id</c> identifies the request in the silo's
/// log; <c>code</c> is one of the standard codes of the openEO API's <c>errors.json</c>.
/// </summary>
public static class OpenEoErrors
{
    /// <summary>Writes an openEO error body with <paramref name="status"/>.</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Body(context, code, message));
    }

    /// <summary>An openEO error answer for an endpoint to return.</summary>
    public static IResult Result(HttpContext context, int status, string code, string message) =>
        Results.Json(Body(context, code, message), statusCode: status);

    /// <summary>The answer for an <see cref="OpenEoException"/>.</summary>
    public static IResult Result(HttpContext context, OpenEoException error) => Result(context, error.Status, error.Code, error.Message);

    /// <summary>The standard code for an answer that has only a status.</summary>
    public static string CodeOf(int status) => status switch
    {
        401 => "AuthenticationRequired",
        403 => "PermissionsInsufficient",
        404 => "NotFound",
        413 => "PayloadTooLarge",
        429 => "InfrastructureBusy",
        501 => "FeatureUnsupported",
        503 => "InfrastructureMaintenance",
        >= 500 => "Internal",
        _ => "BadRequest",
    };

    private static OpenEoError Body(HttpContext context, string code, string message) =>
        new(context.TraceIdentifier, code, message, []);

    private sealed record OpenEoError(string Id, string Code, string Message, IReadOnlyList<object> Links);
}
