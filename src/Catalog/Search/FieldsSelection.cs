using System.Text.Json.Nodes;

namespace Actors.Catalog.Search;

/// <summary>
/// The Fields extension: which parts of each returned item to keep. Paths are dot-separated
/// (<c>properties.eo:cloud_cover</c>). With an include list only those paths are kept (plus <c>id</c>,
/// <c>type</c> and <c>collection</c>, without which a feature is not one); excludes then remove paths,
/// except where an include names the same or a deeper path, which wins.
/// </summary>
public sealed record FieldsSelection(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
{
    private static readonly string[] Always = ["id", "type", "collection"];

    /// <summary>True when nothing is selected, so items go out whole.</summary>
    public bool IsEmpty => Include.Count == 0 && Exclude.Count == 0;

    /// <summary>Parses the GET form: comma-separated paths, excluded ones prefixed with <c>-</c>.</summary>
    public static FieldsSelection Parse(string text)
    {
        var include = new List<string>();
        var exclude = new List<string>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.StartsWith('-')) exclude.Add(Path(raw[1..], text));
            else include.Add(Path(raw.TrimStart('+', ' '), text));
        }
        return new FieldsSelection(include, exclude);
    }

    /// <summary>Parses the POST form <c>{"include": [...], "exclude": [...]}</c>.</summary>
    public static FieldsSelection FromJson(JsonNode? node)
    {
        if (node is not JsonObject body) throw new CatalogRequestException("fields must be an object with 'include' and/or 'exclude' arrays.");
        return new FieldsSelection(List(body["include"], "include"), List(body["exclude"], "exclude"));

        static IReadOnlyList<string> List(JsonNode? array, string name) => array switch
        {
            null => [],
            JsonArray items => items.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s)
                ? Path(s, name)
                : throw new CatalogRequestException($"fields.{name} must hold strings.")).ToList(),
            _ => throw new CatalogRequestException($"fields.{name} must be an array of strings."),
        };
    }

    /// <summary>The GET form, as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => string.Join(',', Include.Concat(Exclude.Select(e => "-" + e)));

    /// <summary>The item with only the selected parts (the input is not changed).</summary>
    public JsonObject Apply(JsonObject item)
    {
        JsonObject result;
        if (Include.Count == 0)
        {
            result = item.DeepClone().AsObject();
        }
        else
        {
            result = new JsonObject();
            foreach (var path in Include.Concat(Always)) Copy(item, result, path.Split('.'));
        }
        foreach (var path in Exclude)
        {
            var overridden = Include.Any(i => i == path || i.StartsWith(path + ".", StringComparison.Ordinal));
            if (!overridden) Remove(result, path.Split('.'));
        }
        return result;
    }

    private static string Path(string path, string context) =>
        path.Length == 0 || path.Split('.').Any(p => p.Length == 0)
            ? throw new CatalogRequestException($"fields '{context}' has an empty path or path segment.")
            : path;

    private static void Copy(JsonObject from, JsonObject to, string[] segments)
    {
        for (var i = 0; i < segments.Length; i++)
        {
            if (!from.TryGetPropertyValue(segments[i], out var value)) return;
            if (i == segments.Length - 1)
            {
                to[segments[i]] = value?.DeepClone();
                return;
            }
            if (value is not JsonObject nextFrom) return;
            if (to[segments[i]] is not JsonObject nextTo)
            {
                nextTo = new JsonObject();
                to[segments[i]] = nextTo;
            }
            from = nextFrom;
            to = nextTo;
        }
    }

    private static void Remove(JsonObject target, string[] segments)
    {
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (target[segments[i]] is not JsonObject next) return;
            target = next;
        }
        target.Remove(segments[^1]);
    }
}
