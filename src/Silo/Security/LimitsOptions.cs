using System.Net;

namespace Actors.Silo.Security;

/// <summary>How much one caller may ask of the silo, from the <c>Limits</c> configuration section.</summary>
public sealed class LimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Limits";

    /// <summary>The largest request body; larger ones are refused with 413 before they are read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Requests per second each principal (a user, an API key, or an anonymous client address) may make on average.</summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>Requests a principal may make at once above the average before it gets 429.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>Addresses (or CIDR networks) of reverse proxies whose <c>X-Forwarded-*</c> headers are believed.</summary>
    public List<string> TrustedProxies { get; set; } = ["127.0.0.1/32", "::1/128"];

    // Parsed on first use, after binding, not on every request.
    private IPNetwork[]? _trustedNetworks;

    /// <summary>True when <paramref name="address"/> is one of <see cref="TrustedProxies"/>.</summary>
    public bool IsTrustedProxy(IPAddress address)
    {
        _trustedNetworks ??= TrustedProxies.Select(IPNetwork.Parse).ToArray();
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return _trustedNetworks.Any(network => network.Contains(address));
    }
}
