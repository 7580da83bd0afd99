namespace Actors.Cli.Parsing;

/// <summary>Turns the ITEM argument of <c>publish</c> into an href the silo can read on its own.</summary>
public static class ItemReference
{
    /// <summary>
    /// Remote URLs pass through; a local path or <c>file://</c> URL becomes an absolute path, because the
    /// silo runs in another working directory. A local file must exist, so a typo fails here and not later.
    /// </summary>
    /// <exception cref="UserInputException">The local file does not exist.</exception>
    public static string ToSiloHref(string item)
    {
        if (string.IsNullOrWhiteSpace(item)) throw new UserInputException("ITEM is empty; give a STAC item file path or URL.");
        string path;
        if (Uri.TryCreate(item, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1)
        {
            if (!uri.IsFile) return item;
            path = uri.LocalPath;
        }
        else
        {
            path = Path.GetFullPath(item);
        }
        if (!File.Exists(path)) throw new UserInputException($"STAC item file '{path}' does not exist.");
        return path;
    }
}
