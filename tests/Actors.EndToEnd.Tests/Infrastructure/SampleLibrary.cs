using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Actors.Processing.Samples;

namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>Synthetic scenes for the tests, plus broken variants of their STAC items.</summary>
public sealed class SampleLibrary(string directory)
{
    private readonly ConcurrentDictionary<(int Size, int Seed), Lazy<Task<SampleScene>>> _generated = new();

    /// <summary>
    /// The scene of <paramref name="size"/> and <paramref name="seed"/>, generated on first use; distinct
    /// seeds give distinct STAC item ids.
    /// </summary>
    public Task<SampleScene> GenerateAsync(int size, int seed) =>
        _generated.GetOrAdd((size, seed), key => new Lazy<Task<SampleScene>>(() =>
            new SyntheticSceneGenerator().GenerateAsync(Path.Combine(directory, $"seed{key.Seed}-{key.Size}"), key.Size, key.Seed))).Value;

    /// <summary>
    /// Writes a copy of the sample's item next to it (so relative hrefs still resolve) with the id
    /// suffixed by <paramref name="variant"/> and <paramref name="edit"/> applied to its assets; returns the new item's path.
    /// </summary>
    public static async Task<(string ItemPath, string ItemId)> VariantAsync(
        SampleScene sample, string variant, Action<JsonObject> edit, CancellationToken cancellationToken = default)
    {
        var item = JsonNode.Parse(await File.ReadAllTextAsync(sample.ItemPath, cancellationToken))!.AsObject();
        var id = $"{sample.ItemId}-{variant}";
        item["id"] = id;
        edit(item["assets"]!.AsObject());
        var path = Path.Combine(Path.GetDirectoryName(sample.ItemPath)!, $"item-{variant}.json");
        await File.WriteAllTextAsync(path, item.ToJsonString(), cancellationToken);
        return (path, id);
    }
}
