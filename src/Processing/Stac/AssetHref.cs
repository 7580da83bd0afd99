namespace Actors.Processing.Stac;

/// <summary>Resolves STAC asset hrefs against their item's location; <see cref="Hrefs.AssetLocator"/> decides whether and how GDAL may open them.</summary>
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

    // The local file path of a plain path or file:// URL; null for other schemes.
    private static string? ToLocalPath(string href)
    {
        if (Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1)
            return uri.IsFile ? uri.LocalPath : null;
        return href;
    }
}
