using System.Text.Json;

namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>What a silo left in its data folder and catalog for one product, to check nothing was made twice.</summary>
public static class ProductOutputs
{
    /// <summary>
    /// The product COGs of <paramref name="sceneId"/> in the object store (<c>{data}/objects</c>): <c>.tif</c>
    /// files whose path names both the scene and the product. Staged input bands are named after the
    /// band, not the product, so they are not counted.
    /// </summary>
    public static IReadOnlyList<string> DataFiles(string dataDirectory, string sceneId, string product)
    {
        var objects = Path.Combine(dataDirectory, "objects");
        if (!Directory.Exists(objects)) return [];
        return Directory.EnumerateFiles(objects, "*.tif", SearchOption.AllDirectories)
            .Where(path =>
            {
                var relative = Path.GetRelativePath(objects, path);
                return relative.Contains(sceneId, StringComparison.Ordinal) && relative.Contains(product, StringComparison.Ordinal);
            })
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The ids of the items in a STAC collection's <c>features</c>.</summary>
    public static IReadOnlyList<string> ItemIds(JsonElement featureCollection) =>
        featureCollection.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();

    /// <summary>Silo log lines that report a computation starting for <paramref name="product"/> of <paramref name="sceneId"/>.</summary>
    public static IReadOnlyList<string> ComputingLines(IEnumerable<string> siloOutput, string sceneId, string product) =>
        siloOutput.Where(line => line.Contains("Computing", StringComparison.Ordinal)
                && line.Contains(sceneId, StringComparison.Ordinal)
                && line.Contains(product, StringComparison.Ordinal))
            .ToList();
}
