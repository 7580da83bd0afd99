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
    public async Task UpsertItemsAsync(IReadOnlyList<JsonObject> items, CancellationToken cancellationToken)
    {
        // One row per key, the last one winning, as repeated single upserts would leave it: ON CONFLICT cannot touch a row twice.
        var rows = items
            .Select(item => (Item: item, Keys: ItemIndexKeys.Of(item), Collection: item["collection"]?.GetValue<string>()
                ?? throw new ArgumentException("A STAC item to register needs its 'collection'.")))
            .GroupBy(r => (r.Collection, Id(r.Item)))
            .Select(g => g.Last())
            .ToList();
        if (rows.Count == 0) return;
        await using var connection = await database.OpenAsync(cancellationToken);
        // One statement: the items and their collections' extents change together. LEAST/GREATEST skip NULLs.
        await using var command = new NpgsqlCommand("""
            WITH input AS (
                SELECT * FROM unnest(@collections, @ids, @docs, @starts, @ends, @minx, @miny, @maxx, @maxy)
                    AS t (collection_id, id, document, dt_start, dt_end, min_x, min_y, max_x, max_y)),
            written AS (
                INSERT INTO stac_item (collection_id, id, document, updated_at, dt_start, dt_end, min_x, min_y, max_x, max_y)
                SELECT collection_id, id, document, now(), dt_start, dt_end, min_x, min_y, max_x, max_y FROM input
                ON CONFLICT (collection_id, id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at,
                    dt_start = excluded.dt_start, dt_end = excluded.dt_end,
                    min_x = excluded.min_x, min_y = excluded.min_y, max_x = excluded.max_x, max_y = excluded.max_y
                RETURNING collection_id, dt_start, dt_end, min_x, min_y, max_x, max_y),
            extents AS (
                SELECT collection_id, min(dt_start) AS dt_start, max(dt_end) AS dt_end,
                       min(min_x) AS min_x, min(min_y) AS min_y, max(max_x) AS max_x, max(max_y) AS max_y
                FROM written GROUP BY collection_id)
            UPDATE stac_collection c SET
                ext_dt_start = LEAST(c.ext_dt_start, e.dt_start), ext_dt_end = GREATEST(c.ext_dt_end, e.dt_end),
                ext_min_x = LEAST(c.ext_min_x, e.min_x), ext_min_y = LEAST(c.ext_min_y, e.min_y),
                ext_max_x = GREATEST(c.ext_max_x, e.max_x), ext_max_y = GREATEST(c.ext_max_y, e.max_y)
            FROM extents e WHERE c.id = e.collection_id
            """, connection);
        command.Parameters.AddWithValue("collections", NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(r => r.Collection).ToArray());
        command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(r => Id(r.Item)).ToArray());
        command.Parameters.AddWithValue("docs", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, rows.Select(r => r.Item.ToJsonString()).ToArray());
        command.Parameters.AddWithValue("starts", NpgsqlDbType.Array | NpgsqlDbType.Bigint, rows.Select(r => r.Keys.Time.Start).ToArray());
        command.Parameters.AddWithValue("ends", NpgsqlDbType.Array | NpgsqlDbType.Bigint, rows.Select(r => r.Keys.Time.End).ToArray());
        command.Parameters.AddWithValue("minx", NpgsqlDbType.Array | NpgsqlDbType.Double, rows.Select(r => r.Keys.Envelope?.MinX).ToArray());
        command.Parameters.AddWithValue("miny", NpgsqlDbType.Array | NpgsqlDbType.Double, rows.Select(r => r.Keys.Envelope?.MinY).ToArray());
        command.Parameters.AddWithValue("maxx", NpgsqlDbType.Array | NpgsqlDbType.Double, rows.Select(r => r.Keys.Envelope?.MaxX).ToArray());
        command.Parameters.AddWithValue("maxy", NpgsqlDbType.Array | NpgsqlDbType.Double, rows.Select(r => r.Keys.Envelope?.MaxY).ToArray());
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            var collections = string.Join("', '", rows.Select(r => r.Collection).Distinct());
            throw new CatalogRequestException($"No such collection among '{collections}': create it before its items.", e);
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
        return await CatalogRows.ReadCollectionsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<JsonObject?> GetCollectionAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {CollectionColumns} FROM stac_collection WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (await CatalogRows.ReadCollectionsAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<ItemPage> SearchAsync(ItemSearch search, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ItemSearchRunner.RunAsync(search, SqlDialect.Postgres, async (query, ct) =>
        {
            await using var command = new NpgsqlCommand(query.Text, connection);
            foreach (var (name, value) in query.Parameters) command.Parameters.AddWithValue(name.TrimStart('@'), value ?? DBNull.Value);
            return await CatalogRows.ReadSearchRowsAsync(command, ct);
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

    private static string Id(JsonObject document) =>
        document["id"]?.GetValue<string>() ?? throw new ArgumentException("A STAC document needs an 'id'.");
}
