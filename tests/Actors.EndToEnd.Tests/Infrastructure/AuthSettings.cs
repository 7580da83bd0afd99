namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>Silo settings (<c>Auth</c>) the tests start silos with.</summary>
public static class AuthSettings
{
    /// <summary>
    /// A catalog anyone may read while writes need <paramref name="key"/>: an API key named <paramref name="name"/>
    /// with the publisher role, and the reader role for requests without credentials.
    /// </summary>
    public static Dictionary<string, string> PublicReadKeyedWrite(string name, string key) => new()
    {
        ["Auth__ApiKeys__0__Name"] = name,
        ["Auth__ApiKeys__0__Key"] = key,
        ["Auth__ApiKeys__0__Roles__0"] = "publisher",
        ["Auth__AnonymousRoles__0"] = "reader",
    };
}
