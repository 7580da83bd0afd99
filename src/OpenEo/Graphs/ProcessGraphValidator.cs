using System.Text.Json.Nodes;

namespace Actors.OpenEo.Graphs;

// SKELETON: replaced by the validation work.
public sealed class ProcessGraphValidator : IProcessGraphValidator
{
    public IReadOnlyList<GraphProblem> Validate(JsonObject process, IUserProcessSource? userProcesses = null) => throw new NotImplementedException();
}
