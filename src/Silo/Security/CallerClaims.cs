using System.Security.Claims;
using System.Text.Json;
using Actors.Abstractions.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Silo.Security;

/// <summary>
/// One shape of principal whatever the credentials: a <c>sub</c> claim and the silo's own role names as role claims,
/// so policies, owners and the audit log read the same thing for a token, an API key or an anonymous request.
/// </summary>
public static class CallerClaims
{
    /// <summary>The claim type of the subject.</summary>
    public const string SubjectType = "sub";

    /// <summary>A principal for <paramref name="caller"/>, authenticated by <paramref name="scheme"/>.</summary>
    public static ClaimsPrincipal ToPrincipal(Caller caller, string scheme)
    {
        var claims = new List<Claim> { new(SubjectType, caller.Subject) };
        claims.AddRange(caller.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, SubjectType, ClaimTypes.Role));
    }

    /// <summary>The caller a request's principal stands for (anonymous without roles when unauthenticated).</summary>
    public static Caller ToCaller(this ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst(SubjectType)?.Value;
        if (string.IsNullOrEmpty(subject)) return new Caller(Caller.AnonymousSubject, []);
        return new Caller(subject, principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct().ToArray());
    }

    /// <summary>
    /// The caller a validated token stands for: its subject claim, and the roles its role claim grants
    /// (a string, an array, or a dotted path into objects such as Keycloak's <c>realm_access.roles</c>).
    /// </summary>
    /// <exception cref="SecurityTokenException">The token names no subject.</exception>
    public static Caller FromToken(JsonWebToken token, JwtOptions jwt, RoleClaimOptions roles)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
        var subject = Find(payload.RootElement, jwt.SubjectClaim) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
        if (string.IsNullOrWhiteSpace(subject))
            throw new SecurityTokenException($"The token has no '{jwt.SubjectClaim}' claim naming the user.");
        var values = Find(payload.RootElement, jwt.RoleClaim) switch
        {
            { ValueKind: JsonValueKind.String } one => [one.GetString()!],
            { ValueKind: JsonValueKind.Array } many => many.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray(),
            _ => Array.Empty<string>(),
        };
        return new Caller(subject, roles.Map(values));
    }

    private static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out var next)) return null;
            current = next;
        }
        return current;
    }
}
