using System.Text.Json.Nodes;
using Actors.Catalog.Indexing;
using Microsoft.Data.Sqlite;

namespace Actors.Grains.Persistence.Sqlite;

/// <summary>
/// The STAC catalog's tables in the embedded database, versioned by <c>PRAGMA user_version</c>. Version 1
/// adds what item search needs: an integer item key, the time and footprint columns with their indexes,
/// an R*Tree over footprints, and the collections' item extents. A database from before is rebuilt in place.
/// </summary>
internal static class SqliteCatalogSchema
{
    private const int Version = 1;

    public static async Task EnsureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (await ScalarAsync(connection, "PRAGMA user_version", cancellationToken) >= Version) return;

        var legacy = await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'stac_item'", cancellationToken) > 0;
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (legacy)
        {
            await ExecuteAsync(transaction, "ALTER TABLE stac_item RENAME TO stac_item_v0; ALTER TABLE stac_collection RENAME TO stac_collection_v0;", cancellationToken);
        }
        await ExecuteAsync(transaction, """
            CREATE TABLE stac_collection (
                id TEXT PRIMARY KEY,
                document TEXT NOT NULL,
                ext_min_x REAL, ext_min_y REAL, ext_max_x REAL, ext_max_y REAL,
                ext_dt_start INTEGER, ext_dt_end INTEGER
            );
            CREATE TABLE stac_item (
                item_key INTEGER PRIMARY KEY,
                collection_id TEXT NOT NULL REFERENCES stac_collection (id),
                id TEXT NOT NULL,
                document TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                dt_start INTEGER NOT NULL,
                dt_end INTEGER NOT NULL,
                min_x REAL, min_y REAL, max_x REAL, max_y REAL,
                UNIQUE (collection_id, id)
            );
            CREATE INDEX stac_item_datetime ON stac_item (dt_start DESC, collection_id, id);
            CREATE INDEX stac_item_collection_datetime ON stac_item (collection_id, dt_start DESC, id);
            CREATE INDEX stac_item_end ON stac_item (dt_end);
            CREATE INDEX stac_item_id ON stac_item (id);
            CREATE VIRTUAL TABLE stac_item_bbox USING rtree (id, min_x, max_x, min_y, max_y);
            """, cancellationToken);
        if (legacy)
        {
            await ExecuteAsync(transaction, "INSERT INTO stac_collection (id, document) SELECT id, document FROM stac_collection_v0", cancellationToken);
            await CopyLegacyItemsAsync(transaction, cancellationToken);
            await ExecuteAsync(transaction, "DROP TABLE stac_item_v0; DROP TABLE stac_collection_v0;", cancellationToken);
        }
        await ExecuteAsync(transaction, $"PRAGMA user_version = {Version}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task CopyLegacyItemsAsync(SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var read = transaction.Connection!.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT document, updated_at FROM stac_item_v0";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var item = JsonNode.Parse(reader.GetString(0))!.AsObject();
            await SqliteStacCatalog.WriteItemAsync(transaction, item, ItemIndexKeys.Of(item), reader.GetString(1), cancellationToken);
        }
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
