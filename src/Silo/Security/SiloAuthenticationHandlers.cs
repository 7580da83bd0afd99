using System.Text.Encodings.Web;
using Actors.Abstractions.Security;
using Actors.Silo.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Security;

/// <summary>The authentication schemes of the silo's HTTP API.</summary>
public static class SiloSchemes
{
    /// <summary>The default: picks one of the others by what the request carries.</summary>
    public const string Selector = "silo";

    /// <summary>Requests without an <c>Authorization</c> header.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>Static bearer keys.</summary>
    public const string ApiKey = "api-key";

    /// <summary>The scheme for a request: a JWT to the JWT bearer handler, another bearer value to the API keys, none to anonymous.</summary>
    public static string For(HttpContext context, AuthOptions options)
    {
        if (BearerOf(context.Request) is not { } credential) return Anonymous;
        return options.Jwt.Enabled && BearerCredentials.LooksLikeJwt(credential)
            ? Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme
            : ApiKey;
    }

    /// <summary>
    /// The bearer credential of a request, if it has one. openEO clients prefix it with how it was obtained
    /// (<c>basic//TOKEN</c>, <c>oidc/PROVIDER/TOKEN</c>); the prefix is dropped, so the credential is checked like
    /// a plain bearer value.
    /// </summary>
    public static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return null;
        return WithoutOpenEoPrefix(header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : header);
    }

    /// <summary>The token of an openEO bearer value (<c>basic//TOKEN</c>, <c>oidc/PROVIDER/TOKEN</c>); other values unchanged.</summary>
    private static string WithoutOpenEoPrefix(string credential)
    {
        if (credential.StartsWith(OpenEoBasicPrefix, StringComparison.Ordinal)) return credential[OpenEoBasicPrefix.Length..];
        if (credential.StartsWith(OpenEoOidcPrefix, StringComparison.Ordinal))
        {
            var slash = credential.IndexOf('/', OpenEoOidcPrefix.Length);
            if (slash > OpenEoOidcPrefix.Length) return credential[(slash + 1)..];
        }
        return credential;
    }

    private const string OpenEoBasicPrefix = "basic//";
    private const string OpenEoOidcPrefix = "oidc/";
}

/// <summary>
/// Requests without credentials: the anonymous user with <see cref="AuthOptions.EffectiveAnonymousRoles"/>, or no
/// identity at all (so protected endpoints answer 401) when anonymous requests get no role.
/// </summary>
public sealed class AnonymousAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var roles = auth.Value.EffectiveAnonymousRoles;
        if (roles.Count == 0) return Task.FromResult(AuthenticateResult.NoResult());
        var principal = CallerClaims.ToPrincipal(new Caller(Caller.AnonymousSubject, roles), Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

/// <summary>A static bearer key from <c>Auth:ApiKeys</c>: the named principal with the key's roles.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, BearerCredentials credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (SiloSchemes.BearerOf(Request) is not { } credential) return Task.FromResult(AuthenticateResult.NoResult());
        return Task.FromResult(credentials.MatchApiKey(credential) is { } caller
            ? AuthenticateResult.Success(new AuthenticationTicket(CallerClaims.ToPrincipal(caller, Scheme.Name), Scheme.Name))
            : AuthenticateResult.Fail("The bearer credential is not a known API key or a valid token."));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        Context.Items[ErrorResponses.ReasonKey] = "The bearer credential is not a known API key or a valid token.";
        return Task.CompletedTask;
    }
}
