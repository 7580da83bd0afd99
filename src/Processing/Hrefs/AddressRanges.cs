using System.Net;
using System.Net.Sockets;

namespace Actors.Processing.Hrefs;

/// <summary>
/// The address ranges an href must not reach unless an operator opened them: the silo's own host (loopback),
/// its networks (private, link-local — incl. the cloud metadata endpoint 169.254.169.254 — carrier-grade NAT,
/// unique-local), and addresses that are no destination at all (unspecified, multicast, broadcast, reserved).
/// </summary>
public static class AddressRanges
{
    private static readonly (IPNetwork Network, string Name)[] Special =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "a reserved (\"this network\") address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.0.0.0/24"), "a reserved (IETF protocol assignment) address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a reserved (benchmarking) address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("255.255.255.255/32"), "the broadcast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address"),
        (IPNetwork.Parse("::/128"), "the unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        // IPv4-compatible addresses (deprecated) would reach IPv4 hosts past the IPv4 rules.
        (IPNetwork.Parse("::/96"), "a reserved (IPv4-compatible) address"),
        (IPNetwork.Parse("fc00::/7"), "a private (unique-local) address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "a reserved (site-local) address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits: judged as that address.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>IPv4-mapped IPv6 (<c>::ffff:a.b.c.d</c>) as the IPv4 address it is; other addresses unchanged.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>
    /// What kind of special address <paramref name="address"/> is ("a loopback address", "a private address", …),
    /// or null for an ordinary public address.
    /// </summary>
    public static string? Classify(IPAddress address)
    {
        address = Normalize(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            var bytes = address.GetAddressBytes();
            return Classify(new IPAddress(bytes.AsSpan(12, 4)));
        }
        foreach (var (network, name) in Special)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address)) return name;
        }
        return null;
    }
}
