using System.Text.Json.Nodes;
using Actors.Catalog.Search;

namespace Actors.Grains.Catalog;

/// <summary>
/// STAC collections and items. Writes are upserts by id, so a repeated registration never duplicates.
/// Collections are served with the spatial and temporal extent of their items.
/// </summary>
public interface IStacCatalog
{
    /// <summary>Creates or replaces a collection (its item extent is kept).</summary>
    Task UpsertCollectionAsync(JsonObject collection, CancellationToken cancellationToken);

    /// <summary>Creates or replaces an item of a collection (its <c>collection</c> field), which must exist.</summary>
    /// <exception cref="Actors.Catalog.CatalogRequestException">The item has no valid datetime or footprint to index it by, or no collection.</exception>
    Task UpsertItemAsync(JsonObject item, CancellationToken cancellationToken) => UpsertItemsAsync([item], cancellationToken);

    /// <summary>Creates or replaces items in one transaction: all are written or none (bulk loads, feature collections).</summary>
    /// <exception cref="Actors.Catalog.CatalogRequestException">An item has no valid datetime or footprint to index it by, or no collection.</exception>
    Task UpsertItemsAsync(IReadOnlyList<JsonObject> items, CancellationToken cancellationToken);

    /// <summary>Removes an item; false when there was none.</summary>
    Task<bool> DeleteItemAsync(string collectionId, string itemId, CancellationToken cancellationToken);

    /// <summary>Every collection.</summary>
    Task<IReadOnlyList<JsonObject>> GetCollectionsAsync(CancellationToken cancellationToken);

    /// <summary>A collection, or null.</summary>
    Task<JsonObject?> GetCollectionAsync(string id, CancellationToken cancellationToken);

    /// <summary>One page of an item search.</summary>
    /// <exception cref="Actors.Catalog.CatalogRequestException">The page token does not fit the search.</exception>
    Task<ItemPage> SearchAsync(ItemSearch search, CancellationToken cancellationToken);

    /// <summary>An item, or null.</summary>
    Task<JsonObject?> GetItemAsync(string collectionId, string itemId, CancellationToken cancellationToken);
}
