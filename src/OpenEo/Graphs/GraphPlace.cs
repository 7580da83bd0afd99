using Actors.Abstractions;

namespace Actors.OpenEo.Graphs;

/// <summary>Where a process graph sits (the top level, or a callback of some node), for naming nodes in messages.</summary>
/// <param name="Within">"in the 'reducer' callback of node 'reduce1'", or null for the top-level graph.</param>
internal sealed record GraphPlace(string? Within)
{
    private const int MaxWithin = 2 * EchoedText.MaxLength;

    /// <summary>The top-level graph.</summary>
    public static GraphPlace Root { get; } = new((string?)null);

    /// <summary>"The process graph" with where it is.</summary>
    public string Graph => Within is null ? "The process graph" : $"The process graph {Within}";

    /// <summary>"Node 'id'" with where it is.</summary>
    public string Node(string id) => Within is null ? $"Node '{EchoedText.Of(id)}'" : $"Node '{EchoedText.Of(id)}' ({Within})";

    /// <summary>The place of a callback given to a node of this graph.</summary>
    /// <param name="argumentPath">The argument (and keys inside it) holding the callback.</param>
    /// <param name="nodeId">The node it is given to.</param>
    public GraphPlace Callback(string argumentPath, string nodeId)
    {
        var node = Within is null ? $"node '{EchoedText.Of(nodeId)}'" : $"node '{EchoedText.Of(nodeId)}' {Within}";
        var within = $"in the '{EchoedText.Of(argumentPath)}' callback of {node}";
        // Callbacks in callbacks would otherwise make every message of the innermost graph longer and longer.
        return new GraphPlace(within.Length > MaxWithin ? within[..MaxWithin] + "…" : within);
    }
}
