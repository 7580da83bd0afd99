namespace Actors.OpenEo.Graphs;

/// <summary>
/// The process graph parameters a <c>from_parameter</c> may name at one level of nesting: openEO resolves a parameter
/// reference in the current graph and then in each enclosing one, up to the process's own <c>parameters</c>.
/// </summary>
internal sealed class ParameterScope
{
    private readonly IReadOnlySet<string> names;
    private readonly ParameterScope? parent;

    // A callback whose parameters cannot be known (its process is unknown, or its argument is ill-typed) accepts any
    // name, so that one mistake is reported once and not again for every reference inside.
    private readonly bool acceptsAny;

    private ParameterScope(IReadOnlySet<string> names, ParameterScope? parent, bool acceptsAny)
    {
        this.names = names;
        this.parent = parent;
        this.acceptsAny = acceptsAny;
    }

    /// <summary>The scope of the top-level graph: the process's own parameters.</summary>
    public static ParameterScope Root(IReadOnlySet<string> names) => new(names, null, false);

    /// <summary>A callback's scope: its parameters, then the enclosing scopes'.</summary>
    public ParameterScope Nested(IReadOnlySet<string> callbackNames) => new(callbackNames, this, false);

    /// <summary>A callback's scope whose parameters are unknown: every name resolves.</summary>
    public ParameterScope NestedUnknown() => new(new HashSet<string>(), this, true);

    /// <summary>How many callbacks deep this scope is (0 for the top-level graph).</summary>
    public int Depth => parent is null ? 0 : parent.Depth + 1;

    /// <summary>Whether <paramref name="name"/> is a parameter here or in an enclosing scope.</summary>
    public bool Defines(string name)
    {
        for (var scope = this; scope is not null; scope = scope.parent)
        {
            if (scope.acceptsAny || scope.names.Contains(name)) return true;
        }

        return false;
    }
}
