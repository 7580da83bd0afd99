using Actors.Abstractions;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Actors.Processing.Hrefs;

/// <summary>
/// The rules every href the silo reads passes (issue 11): local files only under <see cref="HrefPolicyOptions.LocalRoots"/>
/// and only regular files; http(s) only to <see cref="HrefPolicyOptions.AllowedHosts"/> and never to loopback,
/// private, link-local or other special addresses (judged on the resolved address, see
/// <see cref="AddressCheckingConnector"/>) unless <see cref="HrefPolicyOptions.AllowedPrivateNetworks"/> opens them;
/// <c>s3://</c> only to <see cref="HrefPolicyOptions.S3Buckets"/>; nothing else — no other scheme, no GDAL virtual
/// path (<c>/vsi…</c>) and no driver-prefixed name (<c>NETCDF:…</c>), which would make GDAL read what the rules never saw.
/// </summary>
public sealed partial class HrefPolicy
{
    private readonly IReadOnlyList<string> _hosts;
    private readonly PrivateNetworkAllowance _privateNetworks;

    /// <summary>A policy with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    public HrefPolicy(HrefPolicyOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));
        Options = options;
        Roots = new LocalRoots(options.LocalRoots);
        _hosts = options.AllowedHosts.Count == 0 ? ["*"] : options.AllowedHosts.Select(h => h.Trim('[', ']').ToLowerInvariant()).ToArray();
        _privateNetworks = new PrivateNetworkAllowance(options.AllowedPrivateNetworks);
    }

    /// <summary>The settings.</summary>
    public HrefPolicyOptions Options { get; }

    /// <summary>The local roots.</summary>
    public LocalRoots Roots { get; }

    /// <summary>The target of <paramref name="href"/> when its form is allowed; host, bucket and address are checked separately.</summary>
    /// <exception cref="HrefRefusedException">The scheme or form is not one the silo reads.</exception>
    public HrefTarget Classify(string href)
    {
        if (string.IsNullOrWhiteSpace(href)) throw new HrefRefusedException("The href is empty.");
        var echoed = EchoedText.Of(href);
        if (href.StartsWith("/vsi", StringComparison.OrdinalIgnoreCase))
            throw new HrefRefusedException($"'{echoed}' is a GDAL virtual file system path (/vsi…), not allowed; give a path, file://, http(s):// or s3:// URL.");
        if (Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1)
        {
            switch (uri.Scheme)
            {
                case "file":
                    if (!uri.IsLoopback && uri.Host.Length > 0)
                        throw new HrefRefusedException($"'{echoed}' names a file on another host, not allowed.");
                    if (uri.LocalPath.StartsWith("/vsi", StringComparison.OrdinalIgnoreCase))
                        throw new HrefRefusedException($"'{echoed}' is a GDAL virtual file system path (/vsi…), not allowed.");
                    return new HrefTarget.Local(uri.LocalPath);
                case "http" or "https":
                    if (uri.Host.Length == 0) throw new HrefRefusedException($"'{echoed}' has no host.");
                    return new HrefTarget.Http(uri);
                case "s3":
                    var key = uri.AbsolutePath.TrimStart('/');
                    if (uri.Host.Length == 0 || key.Length == 0) throw new HrefRefusedException($"'{echoed}' is not an s3://bucket/key URL.");
                    return new HrefTarget.S3(uri.Host, Uri.UnescapeDataString(key));
                default:
                    throw NotReadable(echoed, uri.Scheme);
            }
        }
        // GDAL opens "DRIVER:…" names (NETCDF:"f.nc":var, GTIFF_DIR:1:f.tif, …) with the driver's own rules.
        if (DriverPrefix().Match(href) is { Success: true } prefix)
            throw NotReadable(echoed, prefix.Groups[1].Value);
        return new HrefTarget.Local(href);
    }

    /// <summary>Refuses an http(s) URL whose host <see cref="HrefPolicyOptions.AllowedHosts"/> does not list (its address is checked at connect time).</summary>
    /// <exception cref="HrefRefusedException">Not http(s), or the host is not allowed.</exception>
    public void CheckHost(Uri uri)
    {
        if (uri.Scheme is not ("http" or "https"))
            throw new HrefRefusedException($"'{EchoedText.Of(uri.ToString())}' is not an http(s) URL.");
        var host = uri.IdnHost.Trim('[', ']').ToLowerInvariant();
        foreach (var pattern in _hosts)
        {
            if (pattern == "*" || pattern == host) return;
            if (pattern.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(pattern[1..], StringComparison.Ordinal)) return;
        }
        throw new HrefRefusedException($"The host '{EchoedText.Of(host)}' is not among the allowed hosts (setting Hrefs:AllowedHosts).");
    }

    /// <summary>Refuses a connection to a loopback, private, link-local or other special address that <see cref="HrefPolicyOptions.AllowedPrivateNetworks"/> does not open.</summary>
    /// <param name="host">The name the address was resolved from, for the message.</param>
    /// <param name="address">The resolved address.</param>
    /// <param name="port">The port to connect to.</param>
    /// <exception cref="HrefRefusedException">The address is special and not opened.</exception>
    public void CheckAddress(string host, IPAddress address, int port)
    {
        if (_privateNetworks.Allows(address, port)) return;
        if (AddressRanges.Classify(address) is { } kind)
            throw new HrefRefusedException(
                $"'{EchoedText.Of(host)}' resolves to {kind} {AddressRanges.Normalize(address)}, not allowed (setting Hrefs:AllowedPrivateNetworks).");
    }

    /// <summary>Refuses a bucket <see cref="HrefPolicyOptions.S3Buckets"/> does not list.</summary>
    /// <exception cref="HrefRefusedException">The bucket is not allowed.</exception>
    public void CheckBucket(string bucket)
    {
        if (!Options.S3Buckets.Any(b => b == "*" || string.Equals(b, bucket, StringComparison.Ordinal)))
            throw new HrefRefusedException($"The S3 bucket '{EchoedText.Of(bucket)}' is not among the allowed buckets (setting Hrefs:S3Buckets).");
    }

    /// <summary>
    /// Checks everything that can be checked without reading: the form, the local roots (a file inside a root that
    /// does not exist yet passes when <paramref name="mayBeMissing"/>), the host and bucket lists, and for http(s) the
    /// addresses the host resolves to now. A name that does not resolve passes here: the connection re-checks.
    /// </summary>
    /// <exception cref="HrefRefusedException">The href is refused.</exception>
    public async Task<HrefTarget> CheckAsync(string href, bool mayBeMissing, CancellationToken cancellationToken)
    {
        var target = Classify(href);
        switch (target)
        {
            case HrefTarget.Local local:
                Roots.Check(local.Path, mayBeMissing);
                break;
            case HrefTarget.Http http:
                CheckHost(http.Uri);
                IPAddress[] addresses;
                try
                {
                    addresses = IPAddress.TryParse(http.Uri.IdnHost.Trim('[', ']'), out var literal)
                        ? [literal]
                        : await Dns.GetHostAddressesAsync(http.Uri.IdnHost, cancellationToken);
                }
                catch (SocketException)
                {
                    addresses = [];
                }
                foreach (var address in addresses) CheckAddress(http.Uri.IdnHost, address, http.Uri.Port);
                break;
            case HrefTarget.S3 s3:
                CheckBucket(s3.Bucket);
                break;
        }
        return target;
    }

    private static HrefRefusedException NotReadable(string echoed, string prefix) =>
        new($"'{echoed}' starts with '{EchoedText.Of(prefix.ToLowerInvariant())}:', a scheme or GDAL driver prefix the silo does not read; give a path, file://, http(s):// or s3:// URL.");

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9_+.-]*):")]
    private static partial Regex DriverPrefix();
}
