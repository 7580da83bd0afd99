using System.Text.Json.Nodes;
using Actors.Catalog;
using Actors.Catalog.Filter;
using Actors.Catalog.Indexing;
using Actors.Catalog.Search;
using Actors.Grains.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Grains.Persistence.Postgres;

/// <summary>The STAC catalog in PostgreSQL, shared by the silos of a cluster; footprints indexed by GiST.</summary>
public sealed class PostgresStacCatalog(PostgresDatabase database) : IStacCatalog
{
    private const string CollectionColumns = "document::text, ext_min_x, ext_min_y, ext_max_x, ext_max_y, ext_dt_start, ext_dt_end";

    /// <inheritdoc />
    public async Task UpsertCollectionAsync(JsonObject collection, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO stac_collection (id, document) VALUES (@id, @doc) ON CONFLICT (id) DO UPDATE SET document = excluded.document", connection);
        command.Parameters.AddWithValue("id", Id(collection));
        command.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, collection.ToJsonString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task UpsertItemAsync(JsonObject item, CancellationToken cancellationToken)
    {
        var keys = ItemIndexKeys.Of(item);
        var collection = item["collection"]?.GetValue<string>() ?? throw new ArgumentException("A STAC item to register needs its 'collection'.");
        var envelope = keys.Envelope;
        await using var connection = await database.OpenAsync(cancellationToken);
        // One statement: the item and its collection's extent change together. LEAST/GREATEST skip NULLs.
        await using var command = new NpgsqlCommand("""
            WITH written AS (
                INSERT INTO stac_item (collection_id, id, document, updated_at, dt_start, dt_end, min_x, min_y, max_x, max_y)
                VALUES (@collection, @id, @doc, now(), @start, @end, @minx, @miny, @maxx, @maxy)
                ON CONFLICT (collection_id, id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at,
                    dt_start = excluded.dt_start, dt_end = excluded.dt_end,
                    min_x = excluded.min_x, min_y = excluded.min_y, max_x = excluded.max_x, max_y = excluded.max_y
                RETURNING collection_id)
            UPDATE stac_collection SET
                ext_dt_start = LEAST(ext_dt_start, @start), ext_dt_end = GREATEST(ext_dt_end, @end),
                ext_min_x = LEAST(ext_min_x, @minx), ext_min_y = LEAST(ext_min_y, @miny),
                ext_max_x = GREATEST(ext_max_x, @maxx), ext_max_y = GREATEST(ext_max_y, @maxy)
            WHERE id IN (SELECT collection_id FROM written)
            """, connection);
        command.Parameters.AddWithValue("collection", collection);
        command.Parameters.AddWithValue("id", Id(item));
        command.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, item.ToJsonString());
        command.Parameters.AddWithValue("start", keys.Time.Start);
        command.Parameters.AddWithValue("end", keys.Time.End);
        command.Parameters.AddWithValue("minx", NpgsqlDbType.Double, (object?)envelope?.MinX ?? DBNull.Value);
        command.Parameters.AddWithValue("miny", NpgsqlDbType.Double, (object?)envelope?.MinY ?? DBNull.Value);
        command.Parameters.AddWithValue("maxx", NpgsqlDbType.Double, (object?)envelope?.MaxX ?? DBNull.Value);
        command.Parameters.AddWithValue("maxy", NpgsqlDbType.Double, (object?)envelope?.MaxY ?? DBNull.Value);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new CatalogRequestException($"No collection '{collection}' for item '{Id(item)}'.", e);
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteItemAsync(string collectionId, string itemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var delete = new NpgsqlCommand("DELETE FROM stac_item WHERE collection_id = @collection AND id = @id", connection, transaction);
        delete.Parameters.AddWithValue("collection", collectionId);
        delete.Parameters.AddWithValue("id", itemId);
        if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0) return false;
        await using var extent = new NpgsqlCommand("""
            UPDATE stac_collection SET (ext_min_x, ext_min_y, ext_max_x, ext_max_y, ext_dt_start, ext_dt_end) =
                (SELECT min(min_x), min(min_y), max(max_x), max(max_y), min(dt_start), max(dt_end) FROM stac_item WHERE collection_id = @collection)
            WHERE id = @collection
            """, connection, transaction);
        extent.Parameters.AddWithValue("collection", collectionId);
        await extent.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JsonObject>> GetCollectionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {CollectionColumns} FROM stac_collection ORDER BY id", connection);
        return await ReadCollectionsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<JsonObject?> GetCollectionAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {CollectionColumns} FROM stac_collection WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (await ReadCollectionsAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<ItemPage> SearchAsync(ItemSearch search, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ItemSearchRunner.RunAsync(search, SqlDialect.Postgres, async (query, ct) =>
        {
            await using var command = new NpgsqlCommand(query.Text, connection);
            foreach (var (name, value) in query.Parameters) command.Parameters.AddWithValue(name.TrimStart('@'), value ?? DBNull.Value);
            var rows = new List<SearchRow>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = new object?[reader.FieldCount - 1];
                for (var i = 1; i < reader.FieldCount; i++) key[i - 1] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(new SearchRow(reader.GetString(0), key));
            }
            return rows;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<JsonObject?> GetItemAsync(string collectionId, string itemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT document::text FROM stac_item WHERE collection_id = @collection AND id = @id", connection);
        command.Parameters.AddWithValue("collection", collectionId);
        command.Parameters.AddWithValue("id", itemId);
        return await command.ExecuteScalarAsync(cancellationToken) is string document ? JsonNode.Parse(document)!.AsObject() : null;
    }

    private static async Task<IReadOnlyList<JsonObject>> ReadCollectionsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var collections = new List<JsonObject>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            double? D(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
            long? L(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
            var extent = new CollectionExtent(D(1), D(2), D(3), D(4), L(5), L(6));
            collections.Add(extent.ApplyTo(JsonNode.Parse(reader.GetString(0))!.AsObject()));
        }
        return collections;
    }

    private static string Id(JsonObject document) =>
        document["id"]?.GetValue<string>() ?? throw new ArgumentException("A STAC document needs an 'id'.");
}
