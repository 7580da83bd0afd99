using Actors.Abstractions;
using Actors.Abstractions.Api;

namespace Actors.Bench.Streams;

/// <summary>
/// Product results as a consumer sees them, per scene: when each product's result entry was written or arrived, and
/// how many entries each product had (one, unless a silo died).
/// </summary>
public sealed class ResultBoard
{
    private readonly Dictionary<string, SceneResults> _scenes = new(StringComparer.Ordinal);

    /// <summary>Starts waiting for <paramref name="sceneId"/>; results of scenes not expected are ignored.</summary>
    public void Expect(string sceneId)
    {
        lock (_scenes) _scenes.TryAdd(sceneId, new SceneResults());
    }

    /// <summary>Records one result entry, stamped <paramref name="atMs"/> (Unix milliseconds).</summary>
    public void Record(string sceneId, string product, string state, string? reason, double atMs)
    {
        lock (_scenes)
        {
            if (!_scenes.TryGetValue(sceneId, out var scene)) return;
            scene.Entries[product] = scene.Entries.GetValueOrDefault(product) + 1;
            if (state == ProductStates.Failed)
                scene.Done.TrySetException(new InvalidOperationException($"{sceneId}: {product} failed: {reason}"));
            else if (scene.Entries.Count == ProductNames.All.Count && ProductNames.All.All(scene.Entries.ContainsKey))
                scene.Done.TrySetResult(atMs);
        }
    }

    /// <summary>When the last product of <paramref name="sceneId"/> had its result (Unix milliseconds); fails if one failed.</summary>
    public Task<double> DoneAsync(string sceneId)
    {
        lock (_scenes) return _scenes[sceneId].Done.Task;
    }

    /// <summary>Products of <paramref name="sceneId"/> that had other than exactly one result entry.</summary>
    public IReadOnlyList<string> Repeated(string sceneId)
    {
        lock (_scenes) return [.. _scenes[sceneId].Entries.Where(e => e.Value != 1).Select(e => $"{e.Key} x{e.Value}")];
    }

    private sealed class SceneResults
    {
        public Dictionary<string, int> Entries { get; } = new(StringComparer.Ordinal);

        public TaskCompletionSource<double> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
