using Actors.Silo.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Actors.Silo.Endpoints.Stac;

/// <summary>
/// The absolute URL the client reached the API by. Behind a reverse proxy that is not the silo's own
/// address, so <c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c> and <c>X-Forwarded-Prefix</c> win
/// (the first value of each, the one the outermost proxy set) when the request came from a trusted proxy
/// (<see cref="LimitsOptions.TrustedProxies"/>); anyone else could otherwise make the silo's links point anywhere.
/// </summary>
public static class StacUrls
{
    /// <summary>The API root, e.g. <c>https://eo.example.org/api/stac</c>, without a trailing slash.</summary>
    public static string Root(HttpRequest request)
    {
        var trusted = FromTrustedProxy(request);
        var scheme = (trusted ? First(request.Headers["X-Forwarded-Proto"]) : null) ?? request.Scheme;
        var host = (trusted ? First(request.Headers["X-Forwarded-Host"]) : null) ?? request.Host.Value;
        var prefix = ((trusted ? First(request.Headers["X-Forwarded-Prefix"]) : null) ?? "").TrimEnd('/');
        if (prefix.Length > 0 && !prefix.StartsWith('/')) prefix = "/" + prefix;
        return $"{scheme}://{host}{prefix}{request.PathBase}/stac";
    }

    /// <summary>The server root (the API root without <c>/stac</c>), for hrefs stored root-relative.</summary>
    public static string Server(string root) => root[..^"/stac".Length];

    private static bool FromTrustedProxy(HttpRequest request)
    {
        return request.HttpContext.Connection.RemoteIpAddress is { } address
            && request.HttpContext.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.IsTrustedProxy(address);
    }

    private static string? First(StringValues values)
    {
        var value = values.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value)) return null;
        var comma = value.IndexOf(',');
        return (comma < 0 ? value : value[..comma]).Trim();
    }
}
