using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.OpenEo.Tests.Execution;

/// <summary>
/// The JSON5 of the openEO process tests as JSON: comments and trailing commas are left to
/// System.Text.Json's lenient options; the bare NaN, Infinity and -Infinity become marker objects
/// (<c>{"$number": "NaN"}</c>) since JSON has no such literals.
/// </summary>
internal static class Json5
{
    public const string NumberMarker = "$number";

    public static JsonNode Parse(string text)
    {
        var json = new StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                json.Append(c);
                if (c == '\\') json.Append(text[++i]);
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') i++;
                json.Append('\n');
                continue;
            }
            if (c == '"') inString = true;
            var literal = new[] { "-Infinity", "+Infinity", "Infinity", "NaN" }.FirstOrDefault(l => string.CompareOrdinal(text, i, l, 0, l.Length) == 0);
            if (literal is not null)
            {
                json.Append("{\"").Append(NumberMarker).Append("\":\"").Append(literal.TrimStart('+')).Append("\"}");
                i += literal.Length - 1;
                continue;
            }
            json.Append(c);
        }
        return JsonNode.Parse(json.ToString(), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })!;
    }
}
