using System.Diagnostics;
using System.Globalization;
using Actors.Processing.Samples;

namespace Actors.Bench.Cluster;

/// <summary>
/// Synthetic scenes for the events benchmark, generated once per size and seed and kept under the work folder. The
/// item id carries the seed, so every seed is a distinct acquisition (a scene of its own), and the same seed is the
/// same acquisition (a duplicate).
/// </summary>
public sealed class SceneLibrary(string directory, int size)
{
    /// <summary>The scene of <paramref name="seed"/>, generated when it is not on disk yet.</summary>
    public async Task<SampleScene> GetAsync(int seed, CancellationToken cancellationToken)
    {
        var sceneDirectory = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{size}-s{seed}"));
        var itemPath = Path.Combine(sceneDirectory, "item.json");
        if (File.Exists(itemPath))
        {
            var bands = new[] { "green", "red", "nir" }.ToDictionary(b => b, b => Path.Combine(sceneDirectory, b + ".tif"));
            return new SampleScene(itemPath, ItemIdOf(itemPath), bands, Path.Combine(sceneDirectory, "truth.tif"));
        }
        return await new SyntheticSceneGenerator().GenerateAsync(sceneDirectory, size, seed, cancellationToken);
    }

    /// <summary>The scenes of <paramref name="seeds"/>, reporting how long generating the missing ones took.</summary>
    public async Task<IReadOnlyList<SampleScene>> GetAllAsync(IEnumerable<int> seeds, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var scenes = new List<SampleScene>();
        foreach (var seed in seeds) scenes.Add(await GetAsync(seed, cancellationToken));
        Console.WriteLine($"{scenes.Count} scenes of {size} x {size} ready in {clock.Elapsed.TotalSeconds:F1} s (under {directory})");
        return scenes;
    }

    private static string ItemIdOf(string itemPath)
    {
        using var item = System.Text.Json.JsonDocument.Parse(File.ReadAllText(itemPath));
        return item.RootElement.GetProperty("id").GetString() ?? throw new InvalidDataException($"{itemPath} has no id.");
    }
}
