namespace Actors.Processing.Stac;

/// <summary>Turns STAC hrefs into paths GDAL can open.</summary>
public static class AssetHref
{
    /// <summary>Resolves <paramref name="href"/> against the directory of <paramref name="itemHref"/> when it is relative.</summary>
    public static string Resolve(string href, string? itemHref)
    {
        if (Uri.TryCreate(href, UriKind.Absolute, out var abs) && abs.Scheme.Length > 1) return href;
        if (Path.IsPathRooted(href) || itemHref is null) return href;
        if (Uri.TryCreate(itemHref, UriKind.Absolute, out var baseUri) && baseUri.Scheme.Length > 1 && !baseUri.IsFile)
            return new Uri(baseUri, href).ToString();
        var baseDir = Path.GetDirectoryName(ToLocalPath(itemHref) ?? itemHref) ?? ".";
        return Path.GetFullPath(Path.Combine(baseDir, href));
    }

    /// <summary>The local file path of a plain path or <c>file://</c> URL; null for other schemes.</summary>
    public static string? ToLocalPath(string href)
    {
        if (Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1)
            return uri.IsFile ? uri.LocalPath : null;
        return href;
    }

    /// <summary>A GDAL dataset name for the href: local path, <c>/vsicurl/</c> for http(s), <c>/vsis3/</c> for s3.</summary>
    public static string ToGdalPath(string href)
    {
        if (ToLocalPath(href) is { } local) return local;
        var uri = new Uri(href);
        return uri.Scheme switch
        {
            "http" or "https" => "/vsicurl/" + href,
            "s3" => $"/vsis3/{uri.Host}{uri.AbsolutePath}",
            _ => throw new ProcessingException($"Unsupported asset href scheme '{uri.Scheme}' in '{href}'."),
        };
    }
}
