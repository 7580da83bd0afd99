using System.CommandLine.Parsing;
using Actors.Abstractions.Geometry;

namespace Actors.Cli.Parsing;

/// <summary>Parsers for option values, reporting bad input as parse errors rather than exceptions.</summary>
public static class CliParsers
{
    /// <summary>Parses <c>w,s,e,n</c> into a validated WGS84 <see cref="Bbox"/>.</summary>
    public static Bbox? Aoi(ArgumentResult result)
    {
        var text = string.Join(",", result.Tokens.Select(t => t.Value));
        try
        {
            return Bbox.Parse(text);
        }
        catch (FormatException e)
        {
            result.AddError($"--aoi: {e.Message}");
            return null;
        }
    }

    /// <summary>Parses comma-separated (or repeated) product names into a distinct list.</summary>
    public static string[] ProductList(ArgumentResult result)
    {
        var names = result.Tokens
            .SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (names.Length == 0) result.AddError("--products needs at least one product name, e.g. water-bodies,ndvi.");
        return names;
    }

    /// <summary>Parses an absolute http(s) URL for <c>--server</c>.</summary>
    public static Uri? ServerUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        result.AddError($"--server: '{text}' is not an http(s) URL such as http://127.0.0.1:5080.");
        return null;
    }
}
