using System.Net;

namespace Actors.Silo.Security;

/// <summary>
/// Refuses to start a silo that would serve a network without authentication: listening beyond loopback (HTTP, or
/// the Orleans gateway on its advertised address) while requests without credentials get roles needs
/// <c>Auth:AllowAnonymous=true</c>, said on purpose.
/// </summary>
public static class NetworkExposure
{
    /// <summary>
    /// Throws when <paramref name="urls"/> (the <c>urls</c> setting, ';'-separated) or the Orleans gateway's
    /// <paramref name="gatewayAddress"/> reach beyond loopback and anonymous requests would get roles.
    /// </summary>
    /// <exception cref="InvalidOperationException">The silo must not start so.</exception>
    public static void Check(string urls, string gatewayAddress, AuthOptions auth)
    {
        if (auth.AllowAnonymous || auth.EffectiveAnonymousRoles.Count == 0) return;
        var listeners = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append($"orleans-gateway://{gatewayAddress}");
        var exposed = listeners.Where(u => !IsLoopback(u)).ToArray();
        if (exposed.Length == 0) return;
        throw new InvalidOperationException(
            $"The silo would listen on {string.Join(", ", exposed)} beyond loopback while requests without credentials get the roles " +
            $"{string.Join(", ", auth.EffectiveAnonymousRoles)}. Configure authentication (Auth:Jwt:Authority or Auth:Jwt:JwksUrl with " +
            "Auth:Jwt:Audience, or Auth:ApiKeys), or set Auth:AllowAnonymous=true to serve the network without it on purpose.");
    }

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards: http://*:80, http://+:80, http://0.0.0.0:80 bind every interface.
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var host = rest.StartsWith('[') ? rest[1..rest.IndexOf(']')] : rest.Split(':', '/')[0];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
