using System.Security.Cryptography;
using System.Text;
using Actors.Abstractions.Geometry;

namespace Actors.Abstractions;

/// <summary>
/// How grains are keyed. Callers address a grain by key only; whichever node holds the message
/// runs the turn.
/// </summary>
public static class GrainKeys
{
    /// <summary>
    /// The scene key: the STAC item id, plus a short stable hash of the AOI when one is given, so the
    /// same item cropped to different areas are different scenes while a repeated event maps to the same one.
    /// </summary>
    public static string Scene(string itemId, Bbox? aoi)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        if (aoi is null) return itemId;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(aoi.ToString()));
        return $"{itemId}_aoi-{Convert.ToHexStringLower(hash)[..8]}";
    }

    /// <summary>The product key: scene, product name and product version.</summary>
    public static string Product(string sceneId, string product, string version) => $"{sceneId}/{product}/{version}";

    /// <summary>The key of a publication to the external STAC API: our collection and the item id.</summary>
    public static string Publication(string collection, string itemId) => $"{collection}/{itemId}";
}
