namespace Actors.OpenEo.Graphs;

/// <summary>
/// The problems of one validation, capped: a graph of thousands of broken nodes must not turn into an error body
/// of megabytes; the cap is far above what a person fixes in one go.
/// </summary>
internal sealed class ProblemList
{
    /// <summary>How many problems are listed one by one.</summary>
    public const int Limit = 100;

    private readonly List<GraphProblem> problems = [];
    private string? firstDroppedCode;
    private int dropped;

    /// <summary>Records a problem.</summary>
    public void Add(string code, string message)
    {
        if (problems.Count < Limit)
        {
            problems.Add(new GraphProblem(code, message));
            return;
        }

        firstDroppedCode ??= code;
        dropped++;
    }

    /// <summary>The problems, with a last line counting those beyond the limit.</summary>
    public IReadOnlyList<GraphProblem> ToList() => dropped == 0
        ? [.. problems]
        : [.. problems, new GraphProblem(firstDroppedCode!, $"{dropped} more problems are not listed.")];
}
