using System.Text.Json.Nodes;

namespace Actors.OpenEo.Processes;

// SKELETON: replaced by the validation work.
public sealed class ProcessCatalog : IProcessCatalog
{
    public IReadOnlyList<JsonObject> Processes => throw new NotImplementedException();

    public JsonObject? Find(string id) => throw new NotImplementedException();
}
