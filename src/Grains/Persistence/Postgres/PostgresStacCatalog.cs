using System.Text.Json.Nodes;
using Actors.Grains.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Grains.Persistence.Postgres;

/// <summary>The STAC catalog in PostgreSQL, shared by the silos of a cluster.</summary>
public sealed class PostgresStacCatalog(PostgresDatabase database) : IStacCatalog
{
    /// <inheritdoc />
    public Task UpsertCollectionAsync(JsonObject collection, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO stac_collection (id, document) VALUES (@id, @doc) ON CONFLICT (id) DO UPDATE SET document = excluded.document",
            c =>
            {
                c.Parameters.AddWithValue("id", Id(collection));
                c.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, collection.ToJsonString());
            },
            cancellationToken);

    /// <inheritdoc />
    public Task UpsertItemAsync(JsonObject item, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO stac_item (collection_id, id, document, updated_at) VALUES (@collection, @id, @doc, now())
            ON CONFLICT (collection_id, id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at
            """,
            c =>
            {
                c.Parameters.AddWithValue("collection", item["collection"]?.GetValue<string>()
                    ?? throw new ArgumentException("A STAC item to register needs its 'collection'."));
                c.Parameters.AddWithValue("id", Id(item));
                c.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, item.ToJsonString());
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JsonObject>> GetCollectionsAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT document::text FROM stac_collection ORDER BY id", _ => { }, cancellationToken);

    /// <inheritdoc />
    public async Task<JsonObject?> GetCollectionAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT document::text FROM stac_collection WHERE id = @id", c => c.Parameters.AddWithValue("id", id), cancellationToken))
        .FirstOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<JsonObject>> GetItemsAsync(string collectionId, int limit, int offset, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT document::text FROM stac_item WHERE collection_id = @collection ORDER BY id LIMIT @limit OFFSET @offset",
            c =>
            {
                c.Parameters.AddWithValue("collection", collectionId);
                c.Parameters.AddWithValue("limit", limit);
                c.Parameters.AddWithValue("offset", offset);
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<JsonObject?> GetItemAsync(string collectionId, string itemId, CancellationToken cancellationToken) =>
        (await QueryAsync(
            "SELECT document::text FROM stac_item WHERE collection_id = @collection AND id = @id",
            c =>
            {
                c.Parameters.AddWithValue("collection", collectionId);
                c.Parameters.AddWithValue("id", itemId);
            },
            cancellationToken)).FirstOrDefault();

    private static string Id(JsonObject document) =>
        document["id"]?.GetValue<string>() ?? throw new ArgumentException("A STAC document needs an 'id'.");

    private async Task ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<JsonObject>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        var documents = new List<JsonObject>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) documents.Add(JsonNode.Parse(reader.GetString(0))!.AsObject());
        return documents;
    }
}
