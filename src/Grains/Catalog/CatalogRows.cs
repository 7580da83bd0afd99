using System.Data.Common;
using System.Text.Json.Nodes;
using Actors.Catalog.Search;

namespace Actors.Grains.Catalog;

/// <summary>Reading the catalog's query results, the same for both stores' ADO.NET drivers.</summary>
internal static class CatalogRows
{
    /// <summary>The rows of an <see cref="ItemSearchSql"/> statement: the document, then the sort key.</summary>
    public static async Task<IReadOnlyList<SearchRow>> ReadSearchRowsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<SearchRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new object?[reader.FieldCount - 1];
            for (var i = 1; i < reader.FieldCount; i++) key[i - 1] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(new SearchRow(reader.GetString(0), key));
        }
        return rows;
    }

    /// <summary>Collections selected as document, ext_min_x, ext_min_y, ext_max_x, ext_max_y, ext_dt_start, ext_dt_end: with their items' extent.</summary>
    public static async Task<IReadOnlyList<JsonObject>> ReadCollectionsAsync(DbCommand command, CancellationToken cancellationToken)
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
}
