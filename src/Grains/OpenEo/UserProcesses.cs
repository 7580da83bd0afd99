using System.Text.Json.Nodes;
using Actors.Abstractions.OpenEo;
using Actors.OpenEo;

namespace Actors.Grains.OpenEo;

/// <summary>A snapshot of an owner's user-defined processes, read once from their grain before a graph is validated or run.</summary>
public sealed class UserProcesses(IReadOnlyDictionary<string, JsonObject> processes) : IUserProcessSource
{
    /// <summary>The owner's processes as they are stored now.</summary>
    public static async Task<UserProcesses> LoadAsync(IGrainFactory grains, string owner)
    {
        var stored = await grains.GetGrain<IOpenEoProcessGraphsGrain>(owner).ListAsync();
        var parsed = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (id, json) in stored)
            if (JsonNode.Parse(json) is JsonObject process) parsed[id] = process;
        return new UserProcesses(parsed);
    }

    /// <inheritdoc />
    public JsonObject? Find(string id) => processes.TryGetValue(id, out var process) ? (JsonObject)process.DeepClone() : null;
}
