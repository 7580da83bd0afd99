using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Catalog.Search;

/// <summary>
/// Where a page starts: the sort key of the last item seen (or, paging back, the first), so a page
/// never shifts when items are inserted or removed elsewhere, unlike an offset. Opaque to clients.
/// </summary>
/// <param name="Backward">True for a <c>prev</c> token: the page holds the items before <paramref name="Key"/>.</param>
/// <param name="Key">The sort key values, ending with the item's collection and id.</param>
public sealed record PageToken(bool Backward, IReadOnlyList<JsonNode?> Key)
{
    /// <summary>The URL-safe text of the token.</summary>
    public string Encode()
    {
        var json = new JsonObject
        {
            ["d"] = Backward ? "p" : "n",
            ["k"] = new JsonArray(Key.Select(k => k?.DeepClone()).ToArray()),
        };
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    /// <summary>Reads a token made by <see cref="Encode"/>.</summary>
    /// <exception cref="CatalogRequestException">The text is not such a token.</exception>
    public static PageToken Decode(string text)
    {
        try
        {
            var json = JsonNode.Parse(Base64Url.DecodeFromChars(text))?.AsObject();
            var direction = json?["d"]?.GetValue<string>();
            if (json?["k"] is JsonArray key && direction is "n" or "p")
                return new PageToken(direction == "p", key.Select(k => k?.DeepClone()).ToList());
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw Invalid(text, e);
        }
        throw Invalid(text, null);
    }

    private static CatalogRequestException Invalid(string text, Exception? inner) =>
        new($"token '{(text.Length > 40 ? text[..40] + "..." : text)}' is not a paging token of this API: follow the 'next' and 'prev' links it returns.", inner);
}
