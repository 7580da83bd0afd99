using System.Text.Json.Nodes;

namespace Actors.OpenEo;

/// <summary>Checks a process against the process definitions before anything runs.</summary>
public interface IProcessGraphValidator
{
    /// <summary>
    /// The problems of <paramref name="process"/> (an object with <c>process_graph</c> and optional
    /// <c>parameters</c>), empty when it is valid: structure, references between nodes and to parameters,
    /// unknown or unimplemented processes, missing, unknown or ill-typed arguments, callbacks.
    /// </summary>
    IReadOnlyList<GraphProblem> Validate(JsonObject process, IUserProcessSource? userProcesses = null);
}
