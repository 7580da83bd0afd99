using Actors.Abstractions.Security;

namespace Actors.Silo.Security;

/// <summary>Who may call the silo, from the <c>Auth</c> configuration section (env: <c>Auth__Jwt__Authority</c>, …).</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>OIDC / JWT bearer tokens: on when <see cref="JwtOptions.Authority"/> or <see cref="JwtOptions.JwksUrl"/> is set.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Static bearer keys for services (a peer silo publishing here, a script): each a named principal with roles.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>
    /// Roles of requests without credentials. Unset: every role when no credentials are configured (the embedded
    /// default on loopback), none otherwise. Set it to e.g. <c>["reader"]</c> for a public catalog.
    /// </summary>
    public List<string>? AnonymousRoles { get; set; }

    /// <summary>
    /// Lets a silo listen on a non-loopback address although requests without credentials get roles. Off: such a
    /// silo refuses to start, so an open silo is never put on a network by accident.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Which token claim values mean which role.</summary>
    public RoleClaimOptions Roles { get; set; } = new();

    /// <summary>True when any kind of credentials is configured.</summary>
    public bool HasCredentials => Jwt.Enabled || ApiKeys.Count > 0;

    /// <summary>The roles anonymous requests get (see <see cref="AnonymousRoles"/>).</summary>
    public IReadOnlyList<string> EffectiveAnonymousRoles => AnonymousRoles ?? (HasCredentials ? [] : Actors.Abstractions.Security.Roles.All);
}

/// <summary>OIDC / JWT bearer settings (<c>Auth:Jwt</c>).</summary>
public sealed class JwtOptions
{
    /// <summary>The OIDC issuer; its discovery document (<c>/.well-known/openid-configuration</c>) names the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>A JSON Web Key Set URL, for providers without discovery (or tests); used instead of <see cref="Authority"/>'s.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>The expected <c>iss</c>: required with <see cref="JwksUrl"/>; with <see cref="Authority"/> the discovery document's issuer is used when unset.</summary>
    public string? Issuer { get; set; }

    /// <summary>The expected <c>aud</c>: required, a token minted for another service is refused.</summary>
    public string? Audience { get; set; }

    /// <summary>Discovery and keys only over HTTPS; turn off only for a provider on loopback.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim naming the user; jobs and subscriptions belong to it.</summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>The claim holding roles: a string or an array; a dotted path reaches into objects (Keycloak: <c>realm_access.roles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Tolerated clock difference when checking expiry.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when tokens are accepted.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(JwksUrl);
}

/// <summary>One static bearer key (<c>Auth:ApiKeys:N</c>).</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The principal's name: the owner of what it creates, and the name in the audit log.</summary>
    public string Name { get; set; } = "";

    /// <summary>The secret (at least 16 characters).</summary>
    public string Key { get; set; } = "";

    /// <summary>Its roles (<see cref="Actors.Abstractions.Security.Roles"/>).</summary>
    public List<string> Roles { get; set; } = [];
}

/// <summary>The claim values that grant each role (<c>Auth:Roles</c>); the defaults are the role names themselves.</summary>
public sealed class RoleClaimOptions
{
    /// <summary>Claim value granting <see cref="Actors.Abstractions.Security.Roles.Reader"/>.</summary>
    public string Reader { get; set; } = Actors.Abstractions.Security.Roles.Reader;

    /// <summary>Claim value granting <see cref="Actors.Abstractions.Security.Roles.Publisher"/>.</summary>
    public string Publisher { get; set; } = Actors.Abstractions.Security.Roles.Publisher;

    /// <summary>Claim value granting <see cref="Actors.Abstractions.Security.Roles.Administrator"/>.</summary>
    public string Administrator { get; set; } = Actors.Abstractions.Security.Roles.Administrator;

    /// <summary>The silo's roles a set of claim values grants.</summary>
    public IReadOnlyList<string> Map(IEnumerable<string> claimValues)
    {
        var values = claimValues.ToHashSet(StringComparer.Ordinal);
        var roles = new List<string>();
        if (values.Contains(Reader)) roles.Add(Actors.Abstractions.Security.Roles.Reader);
        if (values.Contains(Publisher)) roles.Add(Actors.Abstractions.Security.Roles.Publisher);
        if (values.Contains(Administrator)) roles.Add(Actors.Abstractions.Security.Roles.Administrator);
        return roles;
    }
}
