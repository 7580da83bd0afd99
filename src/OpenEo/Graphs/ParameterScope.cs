using System.Text.Json.Nodes;

namespace Actors.OpenEo.Graphs;

/// <summary>
/// The process graph parameters a <c>from_parameter</c> may name at one level of nesting, with their schemas: openEO
/// resolves a parameter reference in the current graph and then in each enclosing one, up to the process's own
/// <c>parameters</c>.
/// </summary>
internal sealed class ParameterScope
{
    private readonly IReadOnlyDictionary<string, JsonNode?> schemas;
    private readonly ParameterScope? parent;

    // A callback whose parameters cannot be known (its process is unknown, or its argument is ill-typed) accepts any
    // name, so that one mistake is reported once and not again for every reference inside.
    private readonly bool acceptsAny;

    private ParameterScope(IReadOnlyDictionary<string, JsonNode?> schemas, ParameterScope? parent, bool acceptsAny)
    {
        this.schemas = schemas;
        this.parent = parent;
        this.acceptsAny = acceptsAny;
    }

    /// <summary>The scope of the top-level graph: the process's own parameters, by name, with their schemas.</summary>
    public static ParameterScope Root(IReadOnlyDictionary<string, JsonNode?> parameters) => new(parameters, null, false);

    /// <summary>A callback's scope: its parameters, then the enclosing scopes'.</summary>
    public ParameterScope Nested(IReadOnlyDictionary<string, JsonNode?> callbackParameters) => new(callbackParameters, this, false);

    /// <summary>A callback's scope whose parameters are unknown: every name resolves, to any value.</summary>
    public ParameterScope NestedUnknown() => new(new Dictionary<string, JsonNode?>(), this, true);

    /// <summary>How many callbacks deep this scope is (0 for the top-level graph).</summary>
    public int Depth => parent is null ? 0 : parent.Depth + 1;

    /// <summary>Whether <paramref name="name"/> is a parameter here or in an enclosing scope.</summary>
    public bool Defines(string name) => Resolve(name, out _);

    /// <summary>
    /// The schema of the parameter <paramref name="name"/> resolves to (the nearest definition wins), null when it
    /// may be any value; false when no scope defines it.
    /// </summary>
    public bool Resolve(string name, out JsonNode? schema)
    {
        for (var scope = this; scope is not null; scope = scope.parent)
        {
            if (scope.schemas.TryGetValue(name, out schema)) return true;
            if (scope.acceptsAny) return true;
        }

        schema = null;
        return false;
    }
}
