using System.Text.Json.Nodes;
using Actors.Catalog.Filter;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Search;

/// <summary>
/// Runs an item search on a store: reads candidate rows in sort order through the store's
/// query delegate, keeps those that pass the exact checks the SQL could not make (geometry
/// intersection, the inexact parts of a filter), and stops one item past the page to know whether
/// another follows. The algorithm is shared, so SQLite and PostgreSQL page and filter identically.
/// </summary>
public static class ItemSearchRunner
{
    /// <summary>Candidate rows read per query when the SQL is not exact, so rejected rows do not cost a round trip each.</summary>
    private const int InexactBatch = 200;

    /// <summary>One page of the search.</summary>
    public static async Task<ItemPage> RunAsync(
        ItemSearch search, SqlDialect dialect, Func<SqlQuery, CancellationToken, Task<IReadOnlyList<SearchRow>>> execute,
        CancellationToken cancellationToken)
    {
        var backward = search.Token?.Backward ?? false;
        var from = search.Token?.Key;
        var page = new List<(JsonObject Item, IReadOnlyList<JsonNode?> Key)>();
        var more = false;
        int Batch(bool exact) => exact ? search.Limit + 1 : Math.Max(search.Limit + 1, InexactBatch);
        while (!more)
        {
            var (query, exact) = ItemSearchSql.Build(search, dialect, from, backward, Batch);
            var rows = await execute(query, cancellationToken);
            foreach (var row in rows)
            {
                var key = row.Key.Select(ItemSearchSql.KeyValue).ToList();
                from = key;
                var item = JsonNode.Parse(row.Document)!.AsObject();
                if (!exact && !Passes(search, item)) continue;
                if (page.Count == search.Limit)
                {
                    more = true;
                    break;
                }
                page.Add((item, key));
            }
            if (rows.Count < Batch(exact)) break;
        }

        if (backward) page.Reverse();
        var items = page.Select(p => p.Item).ToList();
        if (page.Count == 0) return new ItemPage(items, null, null);
        var first = new PageToken(true, page[0].Key);
        var last = new PageToken(false, page[^1].Key);
        return backward
            ? new ItemPage(items, last, more ? first : null)
            : new ItemPage(items, more ? last : null, search.Token is null ? null : first);
    }

    private static bool Passes(ItemSearch search, JsonObject item)
    {
        if (search.Area is { } area && !Intersects(area, item)) return false;
        return search.Filter is not { } filter || Cql2Evaluator.Matches(filter, item);
    }

    private static bool Intersects(Shape area, JsonObject item)
    {
        if (item["geometry"] is null) return false;
        try
        {
            return area.Intersects(GeoJsonShape.Parse(item["geometry"], "geometry"));
        }
        catch (GeometryException)
        {
            // Stored items were checked when they were written; one that no longer parses matches nothing.
            return false;
        }
    }
}
