using System.Net;
using Actors.Processing.Hrefs;

namespace Actors.Processing.Tests.Hrefs;

public sealed class AddressRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("fc00::1", "private")]
    [InlineData("fd12:3456::1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("169.254.0.1", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "reserved")]
    [InlineData("0.1.2.3", "reserved")]
    [InlineData("::", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("192.0.0.8", "reserved")]
    [InlineData("198.18.0.1", "reserved")]
    [InlineData("198.19.255.255", "reserved")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::ffff:10.1.2.3", "private")]
    [InlineData("::ffff:192.168.0.1", "private")]
    [InlineData("64:ff9b::7f00:1", "loopback")]
    [InlineData("::127.0.0.1", "reserved")]
    public void Special_addresses_are_classified_by_their_range(string address, string kind)
    {
        var name = AddressRanges.Classify(IPAddress.Parse(address));
        Assert.NotNull(name);
        Assert.Contains(kind, name);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.255.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_not_special(string address) =>
        Assert.Null(AddressRanges.Classify(IPAddress.Parse(address)));

    [Fact]
    public void A_refused_address_names_the_range_and_the_address()
    {
        var policy = new HrefPolicy(new HrefPolicyOptions());
        var error = Assert.Throws<HrefRefusedException>(() => policy.CheckAddress("localhost", IPAddress.Loopback, 80));
        Assert.Contains("resolves to a loopback address 127.0.0.1, not allowed", error.Message);
        var mapped = Assert.Throws<HrefRefusedException>(() => policy.CheckAddress("x", IPAddress.Parse("::ffff:169.254.169.254"), 80));
        Assert.Contains("link-local address 169.254.169.254", mapped.Message);
        policy.CheckAddress("example.org", IPAddress.Parse("93.184.215.14"), 443);
    }

    [Theory]
    [InlineData("10.1.0.0/16", "10.1.2.3", 80, true)]
    [InlineData("10.1.0.0/16", "10.1.2.3", 9999, true)]
    [InlineData("10.1.0.0/16", "10.2.0.1", 80, false)]
    [InlineData("10.1.0.0/16", "::ffff:10.1.0.9", 80, true)]
    [InlineData("::ffff:10.0.0.0/104", "10.9.9.9", 80, true)]
    [InlineData("127.0.0.1", "127.0.0.1", 1234, true)]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080, true)]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8081, false)]
    [InlineData("127.0.0.1:8080", "127.0.0.2", 8080, false)]
    [InlineData("[::1]:8080", "::1", 8080, true)]
    [InlineData("[::1]:8080", "::1", 80, false)]
    [InlineData("fd00::/8", "fd12::1", 443, true)]
    [InlineData("fd00::/8", "fc00::1", 443, false)]
    public void Allowed_private_networks_open_their_addresses_and_endpoints_only(string entry, string address, int port, bool allowed)
    {
        var allowance = new PrivateNetworkAllowance([entry]);
        Assert.Equal(allowed, allowance.Allows(IPAddress.Parse(address), port));
        var policy = new HrefPolicy(new HrefPolicyOptions { AllowedPrivateNetworks = [entry] });
        if (allowed) policy.CheckAddress("h", IPAddress.Parse(address), port);
        else Assert.Throws<HrefRefusedException>(() => policy.CheckAddress("h", IPAddress.Parse(address), port));
    }

    [Theory]
    [InlineData("10.1.2.3/16")]
    [InlineData("10.0.0.0/33")]
    [InlineData("localhost:8080")]
    [InlineData("127.0.0.1:0")]
    [InlineData("nonsense")]
    [InlineData("")]
    public void Bad_private_network_entries_are_refused_at_start_naming_the_setting(string entry)
    {
        var errors = new HrefPolicyOptions { AllowedPrivateNetworks = [entry] }.Validate();
        Assert.Contains(errors, e => e.StartsWith("Hrefs:AllowedPrivateNetworks", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new HrefPolicy(new HrefPolicyOptions { AllowedPrivateNetworks = [entry] }));
    }

    [Fact]
    public void Other_bad_settings_are_each_named()
    {
        var errors = new HrefPolicyOptions
        {
            LocalRoots = ["relative/dir"],
            AllowedHosts = ["http://example.org/"],
            S3Buckets = ["a/b"],
            MaxItemBytes = 0,
            ReadTimeout = TimeSpan.Zero,
            MaxConcurrentReads = 0,
        }.Validate();
        foreach (var setting in (string[])["LocalRoots", "AllowedHosts", "S3Buckets", "MaxItemBytes", "ReadTimeout", "MaxConcurrentReads"])
            Assert.Contains(errors, e => e.StartsWith("Hrefs:" + setting, StringComparison.Ordinal));
        Assert.Empty(new HrefPolicyOptions { AllowedHosts = ["*", "example.org", "*.example.org", "10.0.0.1"] }.Validate());
    }
}
