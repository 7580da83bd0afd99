namespace Actors.Grains.Storage;

/// <summary>The object layout: staged scenes and products under clear prefixes.</summary>
public static class ObjectKeys
{
    /// <summary>A staged band of a scene.</summary>
    public static string SceneBand(string sceneId, string band) => $"scenes/{sceneId}/{band}.tif";

    /// <summary>A product's COG.</summary>
    public static string ProductData(string sceneId, string product, string version) => $"products/{product}/{version}/{sceneId}/{product}.tif";

    /// <summary>A product's quicklook.</summary>
    public static string ProductQuicklook(string sceneId, string product, string version) => $"products/{product}/{version}/{sceneId}/{product}.png";
}
