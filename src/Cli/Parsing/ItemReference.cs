using System.Text.Json;

namespace Actors.Cli.Parsing;

/// <summary>
/// The ITEM argument of <c>publish</c> and <c>process</c>: a local file (plain path or <c>file://</c> URL, made
/// absolute) or a remote URL, passed on as given.
/// </summary>
/// <param name="LocalPath">The absolute path of a local item file, or null.</param>
/// <param name="Url">The remote URL, or null.</param>
public sealed record ItemReference(string? LocalPath, string? Url)
{
    /// <summary>The href to read the item from: the absolute local path or the URL.</summary>
    public string Href => LocalPath ?? Url!;

    /// <summary>
    /// Parses ITEM. A local path becomes absolute, because the silo runs in another working directory; the file
    /// must exist, so a typo fails here and not later.
    /// </summary>
    /// <exception cref="UserInputException">ITEM is empty or the local file does not exist.</exception>
    public static ItemReference Parse(string item)
    {
        if (string.IsNullOrWhiteSpace(item)) throw new UserInputException("ITEM is empty; give a STAC item file path or URL.");
        string path;
        if (Uri.TryCreate(item, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1)
        {
            if (!uri.IsFile) return new ItemReference(null, item);
            path = uri.LocalPath;
        }
        else
        {
            path = Path.GetFullPath(item);
        }
        if (!File.Exists(path)) throw new UserInputException($"STAC item file '{path}' does not exist.");
        return new ItemReference(path, null);
    }

    /// <summary>
    /// The local item as JSON, to send inline: the silo reads local files only under its allowed roots, but the
    /// user can always send what they can read themselves.
    /// </summary>
    /// <exception cref="UserInputException">The file is not JSON.</exception>
    public async Task<JsonElement> ReadLocalAsync(CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(LocalPath ?? throw new InvalidOperationException("Not a local item."));
        try
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new UserInputException($"STAC item file '{LocalPath}' is not valid JSON: {e.Message}");
        }
    }
}
