using System.Text;
using System.Text.Json.Nodes;
using Actors.Silo.Errors;
using Actors.Silo.Security;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary>
/// openEO's ways to log in. <c>/credentials/basic</c> (mapped when <c>Auth:ApiKeys</c> has keys): HTTP Basic with
/// an API key's name as user and the key as password answers the key as <c>access_token</c>, which the client then
/// sends as <c>Bearer basic//KEY</c>. <c>/credentials/oidc</c> (mapped when <c>Auth:Jwt</c> is configured): the
/// silo's one OIDC provider, id <c>default</c>; clients send its access tokens as <c>Bearer oidc/default/TOKEN</c>.
/// </summary>
public static class CredentialsEndpoints
{
    /// <summary>The id of the OIDC provider in <c>/credentials/oidc</c> and in <c>oidc/ID/TOKEN</c> bearer values.</summary>
    public const string OidcProviderId = "default";

    /// <summary>Maps the credential endpoints the configuration supports.</summary>
    public static IEndpointRouteBuilder MapOpenEoCredentials(this IEndpointRouteBuilder api)
    {
        var auth = api.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.ApiKeys.Count > 0)
            api.MapGet("/credentials/basic", (HttpContext context, BearerCredentials credentials) => Basic(context, credentials));
        if (auth.Jwt.Enabled && OidcIssuer(auth.Jwt) is { } issuer)
            api.MapGet("/credentials/oidc", () => Results.Json(Providers(issuer)));
        return api;
    }

    private static IResult Basic(HttpContext context, BearerCredentials credentials)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"openEO\"";
            return OpenEoErrors.Result(context, StatusCodes.Status401Unauthorized, "AuthenticationRequired",
                "Send 'Authorization: Basic base64(user:password)': an API key's name as user and the key as password.");
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return OpenEoErrors.Result(context, StatusCodes.Status400BadRequest, "AuthenticationSchemeInvalid", "The Basic credentials are not Base64.");
        }
        var colon = decoded.IndexOf(':');
        var (user, password) = colon < 0 ? (decoded, "") : (decoded[..colon], decoded[(colon + 1)..]);
        // The key is checked first and in constant time; the user must then be the key's own name.
        if (credentials.MatchApiKey(password) is not { } caller || !string.Equals(caller.Subject, user, StringComparison.Ordinal))
            return OpenEoErrors.Result(context, StatusCodes.Status403Forbidden, "CredentialsInvalid", "Credentials are not correct.");
        return Results.Json(new JsonObject { ["access_token"] = password });
    }

    private static JsonObject Providers(string issuer) => new()
    {
        ["providers"] = new JsonArray(new JsonObject
        {
            ["id"] = OidcProviderId,
            ["issuer"] = issuer,
            ["title"] = "The silo's OpenID Connect provider",
            ["scopes"] = new JsonArray("openid"),
            ["description"] = $"Send its access tokens as 'Authorization: Bearer oidc/{OidcProviderId}/TOKEN'; the token's audience must be the silo's.",
        }),
    };

    // openEO wants the issuer without a trailing slash, the base of /.well-known/openid-configuration.
    private static string? OidcIssuer(JwtOptions jwt)
    {
        var issuer = string.IsNullOrWhiteSpace(jwt.Issuer) ? jwt.Authority : jwt.Issuer;
        return string.IsNullOrWhiteSpace(issuer) ? null : issuer.TrimEnd('/');
    }
}
