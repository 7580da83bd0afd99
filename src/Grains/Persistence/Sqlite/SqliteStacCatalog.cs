using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Grains.Catalog;
using Microsoft.Data.Sqlite;

namespace Actors.Grains.Persistence.Sqlite;

/// <summary>The STAC catalog in the embedded SQLite database.</summary>
public sealed class SqliteStacCatalog(SqliteDatabase database) : IStacCatalog
{
    /// <inheritdoc />
    public Task UpsertCollectionAsync(JsonObject collection, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO stac_collection (id, document) VALUES ($id, $doc) ON CONFLICT (id) DO UPDATE SET document = excluded.document",
            command =>
            {
                command.Parameters.AddWithValue("$id", Id(collection));
                command.Parameters.AddWithValue("$doc", collection.ToJsonString());
            },
            cancellationToken);

    /// <inheritdoc />
    public Task UpsertItemAsync(JsonObject item, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO stac_item (collection_id, id, document, updated_at) VALUES ($collection, $id, $doc, $now)
            ON CONFLICT (collection_id, id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at
            """,
            command =>
            {
                command.Parameters.AddWithValue("$collection", item["collection"]?.GetValue<string>()
                    ?? throw new ArgumentException("A STAC item to register needs its 'collection'."));
                command.Parameters.AddWithValue("$id", Id(item));
                command.Parameters.AddWithValue("$doc", item.ToJsonString());
                command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JsonObject>> GetCollectionsAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT document FROM stac_collection ORDER BY id", _ => { }, cancellationToken);

    /// <inheritdoc />
    public async Task<JsonObject?> GetCollectionAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT document FROM stac_collection WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), cancellationToken))
        .FirstOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<JsonObject>> GetItemsAsync(string collectionId, int limit, int offset, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT document FROM stac_item WHERE collection_id = $collection ORDER BY id LIMIT $limit OFFSET $offset",
            c =>
            {
                c.Parameters.AddWithValue("$collection", collectionId);
                c.Parameters.AddWithValue("$limit", limit);
                c.Parameters.AddWithValue("$offset", offset);
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<JsonObject?> GetItemAsync(string collectionId, string itemId, CancellationToken cancellationToken) =>
        (await QueryAsync(
            "SELECT document FROM stac_item WHERE collection_id = $collection AND id = $id",
            c =>
            {
                c.Parameters.AddWithValue("$collection", collectionId);
                c.Parameters.AddWithValue("$id", itemId);
            },
            cancellationToken)).FirstOrDefault();

    private static string Id(JsonObject document) =>
        document["id"]?.GetValue<string>() ?? throw new ArgumentException("A STAC document needs an 'id'.");

    private async Task ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<JsonObject>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var documents = new List<JsonObject>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) documents.Add(JsonNode.Parse(reader.GetString(0))!.AsObject());
        return documents;
    }
}
