using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.OpenEo.Execution;

/// <summary>
/// One of <c>load_collection</c>'s <c>properties</c> filters: a callback on an item property's value,
/// one of eq, neq, lt, lte, gt, gte or between comparing the value with constants.
/// </summary>
internal sealed class PropertyFilter(string property, Func<object?, bool> test)
{
    /// <summary>Whether an item with these properties passes.</summary>
    public bool Matches(IReadOnlyDictionary<string, object?> properties) => test(Plain(properties.GetValueOrDefault(property)));

    /// <summary>The filters of a <c>properties</c> argument.</summary>
    public static IReadOnlyList<PropertyFilter> From(object? value)
    {
        if (value is null) return [];
        if (value is not Dictionary<string, object?> map)
            throw new OpenEoException("ProcessParameterInvalid", "load_collection: properties must be an object of callbacks.");
        return map.Select(kv => kv.Value is CallbackGraph graph
            ? new PropertyFilter(kv.Key, Compile(kv.Key, graph.ProcessGraph))
            : throw new OpenEoException("ProcessParameterInvalid", $"load_collection: the filter of property '{kv.Key}' must be a process graph.")).ToList();
    }

    private static Func<object?, bool> Compile(string property, JsonObject graph)
    {
        var nodes = GraphValues.Nodes(graph);
        if (nodes.Count != 1)
            throw new OpenEoException("ProcessParameterUnsupported", $"load_collection: the filter of '{property}' must be a single eq, neq, lt, lte, gt, gte or between.");
        var node = nodes.Values.Single();
        var process = GraphValues.ProcessId(node, nodes.Keys.Single());
        const string valueMarker = "\u0000value";
        var args = GraphValues.Arguments(node).ToDictionary(kv => kv.Key,
            kv => GraphValues.Convert(kv.Value, r => r["from_parameter"]?.GetValue<string>() == "value" ? valueMarker
                : throw new OpenEoException("ProcessParameterUnsupported", $"load_collection: the filter of '{property}' may only refer to the parameter 'value'.")));
        object? Resolve(object? arg, object? value) => arg is valueMarker ? value : arg;
        return process switch
        {
            "eq" => v => Compare(Resolve(args.GetValueOrDefault("x"), v), Resolve(args.GetValueOrDefault("y"), v)) == 0,
            "neq" => v => Compare(Resolve(args.GetValueOrDefault("x"), v), Resolve(args.GetValueOrDefault("y"), v)) is { } c && c != 0,
            "lt" => v => Compare(Resolve(args.GetValueOrDefault("x"), v), Resolve(args.GetValueOrDefault("y"), v)) < 0,
            "lte" => v => Compare(Resolve(args.GetValueOrDefault("x"), v), Resolve(args.GetValueOrDefault("y"), v)) <= 0,
            "gt" => v => Compare(Resolve(args.GetValueOrDefault("x"), v), Resolve(args.GetValueOrDefault("y"), v)) > 0,
            "gte" => v => Compare(Resolve(args.GetValueOrDefault("x"), v), Resolve(args.GetValueOrDefault("y"), v)) >= 0,
            "between" => v =>
            {
                var x = Resolve(args.GetValueOrDefault("x"), v);
                var excludeMax = args.GetValueOrDefault("exclude_max") is true;
                return Compare(x, args.GetValueOrDefault("min")) >= 0
                    && Compare(x, args.GetValueOrDefault("max")) is { } upper && (excludeMax ? upper < 0 : upper <= 0);
            },
            _ => throw new OpenEoException("ProcessParameterUnsupported", $"load_collection: property filters support eq, neq, lt, lte, gt, gte and between, not {process}."),
        };
    }

    // Numbers compare as numbers, strings ordinally (ISO dates order correctly); anything else or null is not comparable.
    private static int? Compare(object? x, object? y) => (x, y) switch
    {
        (double a, double b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        (bool a, bool b) => a == b ? 0 : null,
        _ => null,
    };

    private static object? Plain(object? value) => value switch
    {
        null => null,
        double or string or bool => value,
        float f => (double)f,
        int i => (double)i,
        long l => (double)l,
        decimal m => (double)m,
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture),
        JsonElement e => e.ValueKind switch
        {
            JsonValueKind.Number => e.GetDouble(),
            JsonValueKind.String => e.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        JsonNode n => Plain(n.GetValueKind() switch
        {
            JsonValueKind.Number => n.GetValue<double>(),
            JsonValueKind.String => n.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        }),
        _ => value.ToString(),
    };
}
