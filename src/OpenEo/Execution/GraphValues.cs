using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.OpenEo.Execution;

/// <summary>A callback argument (<c>{"process_graph": ...}</c>), passed unevaluated to the process that runs it.</summary>
/// <param name="ProcessGraph">The callback's nodes.</param>
/// <param name="Enclosing">The parameters of the graph the callback is written in, which it may refer to too.</param>
internal sealed record CallbackGraph(JsonObject ProcessGraph, IReadOnlyDictionary<string, object?>? Enclosing = null)
{
    /// <summary>The callback's parameters: its own over the enclosing graph's.</summary>
    public Dictionary<string, object?> Parameters(IReadOnlyDictionary<string, object?> own)
    {
        var all = Enclosing is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(Enclosing);
        foreach (var (name, value) in own) all[name] = value;
        return all;
    }
}

/// <summary>Reading process graphs: nodes, arguments and their JSON values as CLR values.</summary>
internal static class GraphValues
{
    /// <summary>The nodes of a graph by id.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Nodes(JsonObject processGraph) =>
        processGraph.ToDictionary(kv => kv.Key, kv => kv.Value as JsonObject
            ?? throw new OpenEoException("ProcessGraphInvalid", $"Node '{kv.Key}' is not an object."));

    /// <summary>The id of the node marked <c>result: true</c>.</summary>
    public static string ResultNode(JsonObject processGraph) =>
        Nodes(processGraph).Where(kv => kv.Value["result"] is JsonValue v && v.GetValueKind() == JsonValueKind.True).Select(kv => kv.Key).FirstOrDefault()
        ?? throw new OpenEoException("ProcessGraphInvalid", "The process graph has no result node.");

    /// <summary>The process id of a node.</summary>
    public static string ProcessId(JsonObject node, string nodeId) =>
        node["process_id"]?.GetValue<string>() ?? throw new OpenEoException("ProcessGraphInvalid", $"Node '{nodeId}' has no process_id.");

    /// <summary>The node's arguments (empty when it has none).</summary>
    public static JsonObject Arguments(JsonObject node) => node["arguments"] as JsonObject ?? [];

    /// <summary>
    /// A JSON value as a CLR value (double, bool, string, null, list, dictionary), with references
    /// resolved by <paramref name="resolveReference"/> and callbacks wrapped as <see cref="CallbackGraph"/>.
    /// </summary>
    public static object? Convert(JsonNode? node, Func<JsonObject, object?> resolveReference, IReadOnlyDictionary<string, object?>? enclosing = null)
    {
        switch (node)
        {
            case null: return null;
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.Number => value.GetValue<double>(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.Null => null,
                    _ => value.ToJsonString(),
                };
            case JsonArray array: return array.Select(item => Convert(item, resolveReference, enclosing)).ToList();
            case JsonObject obj when obj.ContainsKey("from_node") || obj.ContainsKey("from_parameter"): return resolveReference(obj);
            case JsonObject obj when obj["process_graph"] is JsonObject graph: return new CallbackGraph(graph, enclosing);
            case JsonObject obj: return obj.ToDictionary(kv => kv.Key, kv => Convert(kv.Value, resolveReference, enclosing));
            default: return null;
        }
    }

    /// <summary>A number argument, or the error an openEO client understands.</summary>
    public static double Number(object? value, string process, string parameter) => value switch
    {
        double d => d,
        null => double.NaN,
        _ => throw new OpenEoException("ProcessParameterInvalid", $"The {parameter} argument of {process} must be a number, not {Describe(value)}."),
    };

    /// <summary>A boolean argument with a default.</summary>
    public static bool Boolean(object? value, bool fallback, string process, string parameter) => value switch
    {
        null => fallback,
        bool b => b,
        _ => throw new OpenEoException("ProcessParameterInvalid", $"The {parameter} argument of {process} must be a boolean, not {Describe(value)}."),
    };

    /// <summary>A short description of a value for messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"the string '{s}'",
        double d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.GetType().Name,
    };

    /// <summary>An RFC 3339 instant or date; date-only values are midnight UTC.</summary>
    public static DateTimeOffset? Instant(object? value, string process)
    {
        if (value is null) return null;
        if (value is string s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return t;
        throw new OpenEoException("ProcessParameterInvalid", $"{process}: '{Describe(value)}' is not an RFC 3339 date or date-time.");
    }

    /// <summary>A temporal extent [start, end) with nulls for open ends.</summary>
    public static (DateTimeOffset? Start, DateTimeOffset? End) TemporalExtent(object? value, string process)
    {
        if (value is null) return (null, null);
        if (value is not List<object?> { Count: 2 } list)
            throw new OpenEoException("ProcessParameterInvalid", $"{process}: the temporal extent must be an array of two dates.");
        return (Instant(list[0], process), Instant(list[1], process));
    }
}
