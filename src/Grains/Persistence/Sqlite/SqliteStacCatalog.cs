using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Catalog.Filter;
using Actors.Catalog.Indexing;
using Actors.Catalog.Search;
using Actors.Grains.Catalog;
using Microsoft.Data.Sqlite;

namespace Actors.Grains.Persistence.Sqlite;

/// <summary>The STAC catalog in the embedded SQLite database, footprints indexed by an R*Tree.</summary>
public sealed class SqliteStacCatalog(SqliteDatabase database) : IStacCatalog
{
    private const int ForeignKeyViolation = 787; // SQLITE_CONSTRAINT_FOREIGNKEY

    private const string CollectionColumns = "document, ext_min_x, ext_min_y, ext_max_x, ext_max_y, ext_dt_start, ext_dt_end";

    /// <inheritdoc />
    public async Task UpsertCollectionAsync(JsonObject collection, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO stac_collection (id, document) VALUES ($id, $doc) ON CONFLICT (id) DO UPDATE SET document = excluded.document";
        command.Parameters.AddWithValue("$id", Id(collection));
        command.Parameters.AddWithValue("$doc", collection.ToJsonString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task UpsertItemsAsync(IReadOnlyList<JsonObject> items, CancellationToken cancellationToken)
    {
        var keys = items.Select(ItemIndexKeys.Of).ToList();
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < items.Count; i++) await WriteItemAsync(transaction, items[i], keys[i], now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Writes an item, its footprint in the R*Tree and its collection's extent, in the caller's transaction.</summary>
    internal static async Task WriteItemAsync(
        SqliteTransaction transaction, JsonObject item, ItemIndexKeys keys, string updatedAt, CancellationToken cancellationToken)
    {
        var collection = item["collection"]?.GetValue<string>() ?? throw new ArgumentException("A STAC item to register needs its 'collection'.");
        var envelope = keys.Envelope;
        await using var write = Command(transaction, """
            INSERT INTO stac_item (collection_id, id, document, updated_at, dt_start, dt_end, min_x, min_y, max_x, max_y)
            VALUES ($collection, $id, $doc, $now, $start, $end, $minx, $miny, $maxx, $maxy)
            ON CONFLICT (collection_id, id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at,
                dt_start = excluded.dt_start, dt_end = excluded.dt_end,
                min_x = excluded.min_x, min_y = excluded.min_y, max_x = excluded.max_x, max_y = excluded.max_y
            RETURNING item_key
            """);
        write.Parameters.AddWithValue("$collection", collection);
        write.Parameters.AddWithValue("$id", Id(item));
        write.Parameters.AddWithValue("$doc", item.ToJsonString());
        write.Parameters.AddWithValue("$now", updatedAt);
        write.Parameters.AddWithValue("$start", keys.Time.Start);
        write.Parameters.AddWithValue("$end", keys.Time.End);
        write.Parameters.AddWithValue("$minx", (object?)envelope?.MinX ?? DBNull.Value);
        write.Parameters.AddWithValue("$miny", (object?)envelope?.MinY ?? DBNull.Value);
        write.Parameters.AddWithValue("$maxx", (object?)envelope?.MaxX ?? DBNull.Value);
        write.Parameters.AddWithValue("$maxy", (object?)envelope?.MaxY ?? DBNull.Value);
        long itemKey;
        try
        {
            itemKey = (long)(await write.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == ForeignKeyViolation)
        {
            throw new Actors.Catalog.CatalogRequestException($"No collection '{collection}' for item '{Id(item)}': create it before its items.", e);
        }

        await using var index = Command(transaction, envelope is null
            ? "DELETE FROM stac_item_bbox WHERE id = $key"
            : "INSERT OR REPLACE INTO stac_item_bbox (id, min_x, max_x, min_y, max_y) VALUES ($key, $minx, $maxx, $miny, $maxy)");
        index.Parameters.AddWithValue("$key", itemKey);
        if (envelope is not null)
        {
            index.Parameters.AddWithValue("$minx", envelope.MinX);
            index.Parameters.AddWithValue("$maxx", envelope.MaxX);
            index.Parameters.AddWithValue("$miny", envelope.MinY);
            index.Parameters.AddWithValue("$maxy", envelope.MaxY);
        }
        await index.ExecuteNonQueryAsync(cancellationToken);

        // Extents only grow on write (a delete recomputes them); min(NULL, x) is NULL in SQLite, hence the coalesce.
        await using var extent = Command(transaction, envelope is null
            ? """
              UPDATE stac_collection SET ext_dt_start = min(coalesce(ext_dt_start, $start), $start), ext_dt_end = max(coalesce(ext_dt_end, $end), $end)
              WHERE id = $collection
              """
            : """
              UPDATE stac_collection SET ext_dt_start = min(coalesce(ext_dt_start, $start), $start), ext_dt_end = max(coalesce(ext_dt_end, $end), $end),
                  ext_min_x = min(coalesce(ext_min_x, $minx), $minx), ext_min_y = min(coalesce(ext_min_y, $miny), $miny),
                  ext_max_x = max(coalesce(ext_max_x, $maxx), $maxx), ext_max_y = max(coalesce(ext_max_y, $maxy), $maxy)
              WHERE id = $collection
              """);
        extent.Parameters.AddWithValue("$collection", collection);
        extent.Parameters.AddWithValue("$start", keys.Time.Start);
        extent.Parameters.AddWithValue("$end", keys.Time.End);
        if (envelope is not null)
        {
            extent.Parameters.AddWithValue("$minx", envelope.MinX);
            extent.Parameters.AddWithValue("$miny", envelope.MinY);
            extent.Parameters.AddWithValue("$maxx", envelope.MaxX);
            extent.Parameters.AddWithValue("$maxy", envelope.MaxY);
        }
        await extent.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteItemAsync(string collectionId, string itemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var delete = Command(transaction, "DELETE FROM stac_item WHERE collection_id = $collection AND id = $id RETURNING item_key");
        delete.Parameters.AddWithValue("$collection", collectionId);
        delete.Parameters.AddWithValue("$id", itemId);
        if (await delete.ExecuteScalarAsync(cancellationToken) is not long itemKey) return false;
        await using var unindex = Command(transaction, "DELETE FROM stac_item_bbox WHERE id = $key");
        unindex.Parameters.AddWithValue("$key", itemKey);
        await unindex.ExecuteNonQueryAsync(cancellationToken);
        await using var extent = Command(transaction, """
            UPDATE stac_collection SET (ext_min_x, ext_min_y, ext_max_x, ext_max_y, ext_dt_start, ext_dt_end) =
                (SELECT min(min_x), min(min_y), max(max_x), max(max_y), min(dt_start), max(dt_end) FROM stac_item WHERE collection_id = $collection)
            WHERE id = $collection
            """);
        extent.Parameters.AddWithValue("$collection", collectionId);
        await extent.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JsonObject>> GetCollectionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CollectionColumns} FROM stac_collection ORDER BY id";
        return await CatalogRows.ReadCollectionsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<JsonObject?> GetCollectionAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CollectionColumns} FROM stac_collection WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (await CatalogRows.ReadCollectionsAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<ItemPage> SearchAsync(ItemSearch search, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ItemSearchRunner.RunAsync(search, SqlDialect.Sqlite, async (query, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = query.Text;
            foreach (var (name, value) in query.Parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            return await CatalogRows.ReadSearchRowsAsync(command, ct);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<JsonObject?> GetItemAsync(string collectionId, string itemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM stac_item WHERE collection_id = $collection AND id = $id";
        command.Parameters.AddWithValue("$collection", collectionId);
        command.Parameters.AddWithValue("$id", itemId);
        return await command.ExecuteScalarAsync(cancellationToken) is string document ? JsonNode.Parse(document)!.AsObject() : null;
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static string Id(JsonObject document) =>
        document["id"]?.GetValue<string>() ?? throw new ArgumentException("A STAC document needs an 'id'.");
}
