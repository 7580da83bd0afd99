namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>Silo settings (<c>Auth</c>) the tests start silos with.</summary>
public static class AuthSettings
{
    /// <summary>
    /// A catalog anyone may read while writes need <paramref name="key"/>: an API key named <paramref name="name"/>
    /// with the publisher role, and the reader role for requests without credentials.
    /// </summary>
    public static Dictionary<string, string> PublicReadKeyedWrite(string name, string key)
    {
        var settings = ApiKeys((name, key, "publisher"));
        settings["Auth__AnonymousRoles__0"] = "reader";
        return settings;
    }

    /// <summary>One API key per user, each with one role; requests without credentials get no role.</summary>
    public static Dictionary<string, string> ApiKeys(params (string Name, string Key, string Role)[] users)
    {
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < users.Length; i++)
        {
            settings[$"Auth__ApiKeys__{i}__Name"] = users[i].Name;
            settings[$"Auth__ApiKeys__{i}__Key"] = users[i].Key;
            settings[$"Auth__ApiKeys__{i}__Roles__0"] = users[i].Role;
        }
        return settings;
    }
}
