using System.Text.Json.Nodes;

namespace Actors.OpenEo;

/// <summary>The user-defined processes (<c>/process_graphs</c>) a graph may call: its owner's.</summary>
public interface IUserProcessSource
{
    /// <summary>The stored process (<c>id</c>, <c>parameters</c>, <c>returns</c>, <c>process_graph</c>), or null.</summary>
    JsonObject? Find(string id);
}
