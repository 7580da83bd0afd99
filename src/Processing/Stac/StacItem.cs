using Actors.Abstractions;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Processing.Stac;

/// <summary>
/// A STAC item as received with an acquisition: its id, geometry and the data assets by
/// <c>eo:common_name</c>. Accepts STAC 1.0 (<c>eo:bands</c>) and 1.1 (<c>bands</c>) band descriptions.
/// </summary>
public sealed class StacItem
{
    private StacItem(JsonObject json, string id, string? href)
    {
        Json = json;
        Id = id;
        Href = href;
    }

    /// <summary>The item document.</summary>
    public JsonObject Json { get; }

    /// <summary>The item id.</summary>
    public string Id { get; }

    /// <summary>Where the item was read from; relative asset hrefs resolve against it.</summary>
    public string? Href { get; }

    /// <summary>The item's <c>properties.datetime</c>, when present.</summary>
    public string? Datetime => Json["properties"]?["datetime"]?.GetValue<string>();

    /// <summary>
    /// Parses and checks an item. Throws <see cref="ProcessingException"/> with a clear message when it is not one;
    /// the message quotes nothing of the document, which may have been read from any file or URL.
    /// </summary>
    public static StacItem Parse(string json, string? href = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            // Position only: JsonException's message quotes the characters it met, which may come from any file.
            throw new ProcessingException($"The STAC item is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).", e);
        }
        if (node is not JsonObject obj)
            throw new ProcessingException("The STAC item must be a JSON object.");
        if (obj["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String || type.GetValue<string>() != "Feature")
            throw new ProcessingException("The STAC item must have \"type\": \"Feature\".");
        if (obj["id"] is not JsonValue idNode || idNode.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(idNode.GetValue<string>()))
            throw new ProcessingException("The STAC item has no \"id\" string.");
        var id = idNode.GetValue<string>();
        if (id.IndexOfAny(['/', '\\', '?', '#']) >= 0 || id.Contains("..", StringComparison.Ordinal))
            throw new ProcessingException("The STAC item id contains characters not allowed in a key ('/', '\\', '?', '#', '..').");
        if (obj["assets"] is not JsonObject)
            throw new ProcessingException("The STAC item has no \"assets\" object.");
        return new StacItem(obj, id, href);
    }

    /// <summary>
    /// The data assets' hrefs (resolved, GDAL-readable) for the requested common names. An asset
    /// qualifies if its roles include <c>data</c> (or it has no roles) and it describes exactly one
    /// band with that common name, or its key is the common name.
    /// </summary>
    /// <exception cref="ProcessingException">A requested band is not in the item.</exception>
    public IReadOnlyDictionary<string, string> ResolveBands(IEnumerable<string> commonNames)
    {
        var available = BandAssets();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var name in commonNames)
        {
            if (available.TryGetValue(name, out var href)) result[name] = href;
            else missing.Add(name);
        }
        if (missing.Count > 0)
        {
            var have = available.Count == 0 ? "none" : string.Join(", ", available.Keys.Order());
            throw new ProcessingException(
                $"STAC item '{EchoedText.Of(Id)}' has no data asset for band(s) {string.Join(", ", missing)} (bands found: {EchoedText.Of(have)}).");
        }
        return result;
    }

    /// <summary>The resolved href of the data asset for <paramref name="commonName"/>, or null when the item has none.</summary>
    public string? FindBand(string commonName) => BandAssets().GetValueOrDefault(commonName);

    private Dictionary<string, string> BandAssets()
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (JsonObject)Json["assets"]!)
        {
            if (value is not JsonObject asset || asset["href"]?.GetValueKind() != JsonValueKind.String) continue;
            if (!IsData(asset)) continue;
            var href = AssetHref.Resolve(asset["href"]!.GetValue<string>(), Href);
            var bands = asset["bands"] as JsonArray ?? asset["eo:bands"] as JsonArray;
            if (bands is { Count: 1 } && CommonName(bands[0]) is { } common) byName.TryAdd(common, href);
            else if (asset["eo:common_name"]?.GetValueKind() == JsonValueKind.String)
                byName.TryAdd(asset["eo:common_name"]!.GetValue<string>(), href);
            byKey[key] = href;
        }
        foreach (var (key, href) in byKey) byName.TryAdd(key, href);
        return byName;
    }

    private static bool IsData(JsonObject asset) =>
        asset["roles"] is not JsonArray roles
        || roles.Any(r => r?.GetValueKind() == JsonValueKind.String && r.GetValue<string>() == "data");

    private static string? CommonName(JsonNode? band)
    {
        if (band is not JsonObject b) return null;
        var node = b["eo:common_name"] ?? b["common_name"];
        return node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
    }
}
