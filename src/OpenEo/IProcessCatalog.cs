using System.Text.Json.Nodes;

namespace Actors.OpenEo;

/// <summary>The predefined processes this back-end implements, exactly as their openEO definitions describe them.</summary>
public interface IProcessCatalog
{
    /// <summary>The definitions of the implemented processes, as <c>GET /processes</c> lists them.</summary>
    IReadOnlyList<JsonObject> Processes { get; }

    /// <summary>The definition of an implemented process, or null.</summary>
    JsonObject? Find(string id);
}
