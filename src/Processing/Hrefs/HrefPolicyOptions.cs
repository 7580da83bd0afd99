using Actors.Abstractions;
using System.Net;

namespace Actors.Processing.Hrefs;

/// <summary>
/// What the silo may read when a user names an href (a STAC item, its assets, a feed's source), bound from the
/// <c>Hrefs</c> configuration section (env: <c>Hrefs__LocalRoots__0</c>, …). Empty lists take the defaults the
/// host fills in (<see cref="LocalRoots"/>, <see cref="S3Buckets"/>) or mean "any host" (<see cref="AllowedHosts"/>).
/// </summary>
public sealed class HrefPolicyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Hrefs";

    /// <summary>
    /// Directories local paths (plain or <c>file://</c>) must lie under, after every symbolic link is resolved.
    /// The silo's default is its data directory (<c>Silo:DataDirectory</c>, which holds <c>samples/</c>).
    /// </summary>
    public List<string> LocalRoots { get; set; } = [];

    /// <summary>
    /// Hosts http(s) hrefs may name: exact names, <c>*.example.org</c> for any subdomain, or <c>*</c> for any host
    /// (the default when empty). Whatever this says, private and special addresses stay refused unless listed in
    /// <see cref="AllowedPrivateNetworks"/>.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Exceptions to the refusal of loopback, private, link-local and other special addresses: a CIDR network
    /// (<c>10.1.0.0/16</c>), a single address, or one endpoint (<c>127.0.0.1:8080</c>, <c>[::1]:8080</c>).
    /// </summary>
    public List<string> AllowedPrivateNetworks { get; set; } = [];

    /// <summary>
    /// Buckets <c>s3://</c> hrefs may name (<c>*</c>: any). The silo's default is its own bucket (<c>S3:Bucket</c>)
    /// when <c>Silo:ObjectStore=s3</c>, else none.
    /// </summary>
    public List<string> S3Buckets { get; set; } = [];

    /// <summary>The largest STAC item document read by href, in bytes (default 4 MiB).</summary>
    public long MaxItemBytes { get; set; } = 4 << 20;

    /// <summary>How long reading one item document may take, from opening to the last byte (default 20 s).</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Item documents read at once by one silo (default 16); more wait for <see cref="ReadQueueTimeout"/>.</summary>
    public int MaxConcurrentReads { get; set; } = 16;

    /// <summary>How long a read waits for a free slot before the acquisition is answered "busy" (429, default 5 s).</summary>
    public TimeSpan ReadQueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every problem with the settings, each naming the setting; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var root in LocalRoots)
        {
            if (string.IsNullOrWhiteSpace(root) || root.Contains('\0', StringComparison.Ordinal))
                errors.Add("Hrefs:LocalRoots: an entry is empty; give a directory.");
            else if (!Path.IsPathFullyQualified(root))
                errors.Add($"Hrefs:LocalRoots: '{EchoedText.Of(root)}' is not an absolute path.");
        }
        foreach (var host in AllowedHosts)
        {
            if (!IsHostPattern(host))
                errors.Add($"Hrefs:AllowedHosts: '{EchoedText.Of(host)}' is not a host name, '*.domain' or '*'.");
        }
        foreach (var entry in AllowedPrivateNetworks)
        {
            if (!PrivateNetworkAllowance.TryParseEntry(entry, out _, out var problem))
                errors.Add($"Hrefs:AllowedPrivateNetworks: '{EchoedText.Of(entry)}' {problem}");
        }
        foreach (var bucket in S3Buckets)
        {
            if (string.IsNullOrWhiteSpace(bucket) || bucket.Contains('/', StringComparison.Ordinal))
                errors.Add($"Hrefs:S3Buckets: '{EchoedText.Of(bucket)}' is not a bucket name.");
        }
        if (MaxItemBytes is < 1 or > int.MaxValue - 1) errors.Add($"Hrefs:MaxItemBytes must be between 1 and {int.MaxValue - 1}, not {MaxItemBytes}.");
        if (ReadTimeout <= TimeSpan.Zero) errors.Add("Hrefs:ReadTimeout must be positive.");
        if (MaxConcurrentReads < 1) errors.Add($"Hrefs:MaxConcurrentReads must be at least 1, not {MaxConcurrentReads}.");
        if (ReadQueueTimeout < TimeSpan.Zero) errors.Add("Hrefs:ReadQueueTimeout must not be negative.");
        return errors;
    }

    // "*", "*.example.org", "example.org" or an IP literal; no ports, paths or wildcards elsewhere.
    private static bool IsHostPattern(string host)
    {
        if (host == "*" || IPAddress.TryParse(host.Trim('[', ']'), out _)) return true;
        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        return name.Length > 0 && Uri.CheckHostName(name) == UriHostNameType.Dns;
    }
}
