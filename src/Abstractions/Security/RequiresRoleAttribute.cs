namespace Actors.Abstractions.Security;

/// <summary>
/// The role an Orleans client must hold to call a grain method directly (through a gateway). Methods of the
/// system's grain interfaces without it are not callable by clients at all: they are the grains' own business.
/// </summary>
/// <param name="role">One of <see cref="Roles"/>.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRoleAttribute(string role) : Attribute
{
    /// <summary>The role needed.</summary>
    public string Role { get; } = role;
}

/// <summary>
/// Where an Orleans client puts its bearer token (an OIDC access token or an API key): a <c>RequestContext</c>
/// entry the silo checks on every call the client makes.
/// </summary>
public static class CallerCredentials
{
    /// <summary>The <c>RequestContext</c> key of the bearer token.</summary>
    public const string RequestContextKey = "eo-bearer";
}
