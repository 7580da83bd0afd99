using Microsoft.Extensions.Primitives;

namespace Actors.Silo.Endpoints.Stac;

/// <summary>
/// The absolute URL the client reached the API by. Behind a reverse proxy that is not the silo's own
/// address, so <c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c> and <c>X-Forwarded-Prefix</c> win
/// (the first value of each, the one the outermost proxy set).
/// </summary>
public static class StacUrls
{
    /// <summary>The API root, e.g. <c>https://eo.example.org/api/stac</c>, without a trailing slash.</summary>
    public static string Root(HttpRequest request)
    {
        var scheme = First(request.Headers["X-Forwarded-Proto"]) ?? request.Scheme;
        var host = First(request.Headers["X-Forwarded-Host"]) ?? request.Host.Value;
        var prefix = (First(request.Headers["X-Forwarded-Prefix"]) ?? "").TrimEnd('/');
        if (prefix.Length > 0 && !prefix.StartsWith('/')) prefix = "/" + prefix;
        return $"{scheme}://{host}{prefix}{request.PathBase}/stac";
    }

    /// <summary>The server root (the API root without <c>/stac</c>), for hrefs stored root-relative.</summary>
    public static string Server(string root) => root[..^"/stac".Length];

    private static string? First(StringValues values)
    {
        var value = values.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value)) return null;
        var comma = value.IndexOf(',');
        return (comma < 0 ? value : value[..comma]).Trim();
    }
}
