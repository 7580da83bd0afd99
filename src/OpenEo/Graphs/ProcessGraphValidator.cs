using System.Text.Json.Nodes;

namespace Actors.OpenEo.Graphs;

/// <summary>
/// Checks a process (<c>{"process_graph": {...}, "parameters": [...]}</c>) against the openEO API 1.2 process graph
/// rules and the definitions of the processes it calls, and lists every problem found, each with its standard
/// openEO error code and the node it concerns.
/// </summary>
/// <remarks>
/// A process id without namespace is looked up among the predefined processes first, then among the owner's
/// user-defined ones; namespace <c>backend</c> or <c>user</c> picks one of the two; any other namespace is
/// unsupported. Literal arguments are checked in full against their parameter's schema; a node's result only by its
/// process's declared return type, and only where it can never fit; a parameter's value not at all (it is only
/// known when the graph runs).
/// </remarks>
/// <param name="catalog">The predefined processes.</param>
public sealed class ProcessGraphValidator(IProcessCatalog catalog) : IProcessGraphValidator
{
    /// <summary>How many problems are listed one by one; beyond, a last problem counts the rest.</summary>
    public const int MaxListedProblems = ProblemList.Limit;

    /// <inheritdoc />
    public IReadOnlyList<GraphProblem> Validate(JsonObject process, IUserProcessSource? userProcesses = null)
    {
        ArgumentNullException.ThrowIfNull(process);
        return new GraphValidation(catalog, userProcesses).Run(process);
    }
}
