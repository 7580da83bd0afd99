namespace Actors.OpenEo.Graphs;

/// <summary>The openEO error codes (<c>errors.json</c>) a process graph's problems carry.</summary>
public static class ProblemCodes
{
    /// <summary>The process has no <c>process_graph</c>.</summary>
    public const string ProcessGraphMissing = "ProcessGraphMissing";

    /// <summary>The graph breaks the process graph structure: nodes, result flags, references, cycles.</summary>
    public const string ProcessGraphInvalid = "ProcessGraphInvalid";

    /// <summary>A process that is neither implemented nor a user-defined process of the owner.</summary>
    public const string ProcessUnsupported = "ProcessUnsupported";

    /// <summary>A required parameter has no argument.</summary>
    public const string ProcessParameterRequired = "ProcessParameterRequired";

    /// <summary>An argument the process has no parameter for.</summary>
    public const string ProcessParameterUnsupported = "ProcessParameterUnsupported";

    /// <summary>An argument that does not fit its parameter's schema.</summary>
    public const string ProcessParameterInvalid = "ProcessParameterInvalid";
}
