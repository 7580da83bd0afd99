using System.Text.Json.Nodes;

namespace Actors.OpenEo.Graphs;

/// <summary>What an argument value (or a value nested in one) is in the openEO process graph grammar.</summary>
internal enum ArgumentKind
{
    /// <summary>A JSON value given as it is.</summary>
    Literal,

    /// <summary><c>{"from_node": ...}</c>: the result of another node of the same graph.</summary>
    NodeReference,

    /// <summary><c>{"from_parameter": ...}</c>: a parameter of this graph or an enclosing one.</summary>
    ParameterReference,

    /// <summary><c>{"process_graph": ...}</c>: a child process (callback).</summary>
    Callback,
}

/// <summary>Classifies argument values by the reserved keys openEO gives meaning to.</summary>
internal static class ArgumentValue
{
    /// <summary>The reserved key of a result reference.</summary>
    public const string FromNode = "from_node";

    /// <summary>The reserved key of a parameter reference.</summary>
    public const string FromParameter = "from_parameter";

    /// <summary>The reserved key of a child process.</summary>
    public const string ProcessGraph = "process_graph";

    /// <summary>The kind of <paramref name="value"/>.</summary>
    public static ArgumentKind KindOf(JsonNode? value) => value switch
    {
        JsonObject o when o.ContainsKey(FromNode) => ArgumentKind.NodeReference,
        JsonObject o when o.ContainsKey(FromParameter) => ArgumentKind.ParameterReference,
        JsonObject o when o.ContainsKey(ProcessGraph) => ArgumentKind.Callback,
        _ => ArgumentKind.Literal,
    };
}

/// <summary>A child process found in an argument, with the schema that describes it.</summary>
/// <param name="Callback">The object holding <c>process_graph</c>.</param>
/// <param name="Schema">The <c>process-graph</c> schema it matched (its <c>parameters</c> and <c>returns</c>), or null when unknown.</param>
/// <param name="Path">Where it is: the argument name, then keys and indices inside it.</param>
internal sealed record CallbackSite(JsonObject Callback, JsonObject? Schema, string Path);
