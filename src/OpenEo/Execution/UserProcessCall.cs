using System.Text.Json.Nodes;

namespace Actors.OpenEo.Execution;

/// <summary>A call of a user-defined process, as the evaluator and the callback compiler both inline it.</summary>
internal static class UserProcessCall
{
    /// <summary>How deep user-defined processes may call each other (a process calling itself would never end).</summary>
    public const int MaxDepth = 16;

    /// <summary>The process's graph and its parameters: the call's arguments, then the declared defaults.</summary>
    public static (JsonObject Graph, Dictionary<string, object?> Parameters) Bind(
        string processId, JsonObject definition, IReadOnlyDictionary<string, object?> arguments, int depth)
    {
        if (depth > MaxDepth) throw new OpenEoException("ProcessGraphInvalid", $"User-defined process '{processId}' recurses too deeply.");
        var parameters = new Dictionary<string, object?>(arguments);
        if (definition["parameters"] is JsonArray declared)
            foreach (var p in declared.OfType<JsonObject>())
                if (p["name"]?.GetValue<string>() is { } name && !parameters.ContainsKey(name))
                    parameters[name] = GraphValues.Convert(p["default"], _ => null);
        var graph = definition["process_graph"] as JsonObject
            ?? throw new OpenEoException("ProcessGraphInvalid", $"User-defined process '{processId}' has no process graph.");
        return (graph, parameters);
    }
}
