using Actors.Abstractions;
using System.Net;

namespace Actors.Processing.Hrefs;

/// <summary>
/// The parsed <see cref="HrefPolicyOptions.AllowedPrivateNetworks"/>: the private or special addresses an
/// operator opened on purpose (a STAC server on the LAN, a test server on loopback). A network entry opens every
/// port of its addresses; an endpoint entry exactly one address and port.
/// </summary>
public sealed class PrivateNetworkAllowance
{
    private readonly IReadOnlyList<IPNetwork> _networks;
    private readonly IReadOnlyList<IPEndPoint> _endpoints;

    /// <summary>Parses the entries; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public PrivateNetworkAllowance(IEnumerable<string> entries)
    {
        var networks = new List<IPNetwork>();
        var endpoints = new List<IPEndPoint>();
        foreach (var entry in entries)
        {
            if (!TryParseEntry(entry, out var parsed, out var problem))
                throw new ArgumentException($"Hrefs:AllowedPrivateNetworks: '{EchoedText.Of(entry)}' {problem}");
            if (parsed is IPNetwork network) networks.Add(network);
            else endpoints.Add((IPEndPoint)parsed!);
        }
        (_networks, _endpoints) = (networks, endpoints);
    }

    /// <summary>True when <paramref name="address"/> (IPv4-mapped IPv6 taken as IPv4) on <paramref name="port"/> is opened by an entry.</summary>
    public bool Allows(IPAddress address, int port)
    {
        address = AddressRanges.Normalize(address);
        return _networks.Any(n => n.Contains(address))
            || _endpoints.Any(e => e.Port == port && e.Address.Equals(address));
    }

    /// <summary>
    /// Parses one entry: a CIDR network (<c>10.1.0.0/16</c>, <c>fd00::/8</c>), a single address (a /32 or /128
    /// network) or an endpoint with a port (<c>127.0.0.1:8080</c>, <c>[::1]:8080</c>). <paramref name="parsed"/> is
    /// an <see cref="IPNetwork"/> or an <see cref="IPEndPoint"/>; <paramref name="problem"/> says what is wrong otherwise.
    /// </summary>
    public static bool TryParseEntry(string? entry, out object? parsed, out string problem)
    {
        parsed = null;
        problem = "";
        var text = entry?.Trim() ?? "";
        if (text.Length == 0)
        {
            problem = "is empty; give a CIDR network like 10.1.0.0/16 or an endpoint like 127.0.0.1:8080.";
            return false;
        }
        if (text.Contains('/', StringComparison.Ordinal))
        {
            // The base address must be the network's first one: 10.1.2.3/16 is more likely a typo than 10.1.0.0/16.
            if (IPNetwork.TryParse(text, out var network) && IPAddress.TryParse(text[..text.IndexOf('/', StringComparison.Ordinal)], out var written)
                && written.Equals(network.BaseAddress))
            {
                parsed = new IPNetwork(AddressRanges.Normalize(network.BaseAddress), NormalizedPrefix(network));
                return true;
            }
            problem = "is not a CIDR network (the address must have no bits set past the prefix, e.g. 10.1.0.0/16).";
            return false;
        }
        if (IPAddress.TryParse(text, out var single) && !text.StartsWith('['))
        {
            var address = AddressRanges.Normalize(single);
            parsed = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0)
        {
            parsed = new IPEndPoint(AddressRanges.Normalize(endpoint.Address), endpoint.Port);
            return true;
        }
        problem = "is neither a CIDR network (10.1.0.0/16), an address, nor an endpoint (127.0.0.1:8080, [::1]:8080).";
        return false;
    }

    // ::ffff:10.0.0.0/104 is the IPv4 network 10.0.0.0/8: mapped addresses are compared as IPv4.
    private static int NormalizedPrefix(IPNetwork network) =>
        network.BaseAddress.IsIPv4MappedToIPv6 ? Math.Max(0, network.PrefixLength - 96) : network.PrefixLength;
}
