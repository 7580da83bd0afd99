using System.Text.Json.Nodes;

namespace Actors.Grains.Catalog;

/// <summary>STAC collections and items. Writes are upserts by id, so a repeated registration never duplicates.</summary>
public interface IStacCatalog
{
    /// <summary>Creates or replaces a collection.</summary>
    Task UpsertCollectionAsync(JsonObject collection, CancellationToken cancellationToken);

    /// <summary>Creates or replaces an item of a collection (its <c>collection</c> field).</summary>
    Task UpsertItemAsync(JsonObject item, CancellationToken cancellationToken);

    /// <summary>Every collection.</summary>
    Task<IReadOnlyList<JsonObject>> GetCollectionsAsync(CancellationToken cancellationToken);

    /// <summary>A collection, or null.</summary>
    Task<JsonObject?> GetCollectionAsync(string id, CancellationToken cancellationToken);

    /// <summary>Items of a collection, in id order, a page at a time.</summary>
    Task<IReadOnlyList<JsonObject>> GetItemsAsync(string collectionId, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>An item, or null.</summary>
    Task<JsonObject?> GetItemAsync(string collectionId, string itemId, CancellationToken cancellationToken);
}
