using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Catalog.Filter;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Search;

/// <summary>
/// The SQL one page of an item search runs on a store's <c>stac_item</c> table (alias <c>i</c>): the
/// same statement shape on SQLite and PostgreSQL, so both stores give the same answers. Paging is keyset
/// paging on the sort key, so pages do not shift under inserts. The select list is the document, then
/// the key: each sort field, then collection and id (the tie-break that makes the order total).
/// </summary>
public static class ItemSearchSql
{
    /// <summary>Square degrees up to which SQLite starts a search from the R*Tree (20° × 20°).</summary>
    private const double SpatialFirstArea = 400;

    /// <summary>The statement for up to <paramref name="batch"/> rows after (or, paging back, before) <paramref name="from"/>.</summary>
    /// <param name="search">The search.</param>
    /// <param name="dialect">The store.</param>
    /// <param name="from">The key to continue from, or null to start at the beginning.</param>
    /// <param name="backward">Read in reverse order, the rows before <paramref name="from"/>.</param>
    /// <param name="batch">Rows to read, given whether the statement is exact.</param>
    /// <returns>The statement, and whether it is exact (false when rows must still pass the in-memory checks).</returns>
    public static (SqlQuery Query, bool Exact) Build(ItemSearch search, SqlDialect dialect, IReadOnlyList<JsonNode?>? from, bool backward, Func<bool, int> batch)
    {
        var parameters = new List<KeyValuePair<string, object?>>();
        string Bind(object? value)
        {
            var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add(new(name, value));
            return name;
        }

        // SQLite picks one index per table. For a small area the R*Tree finds a few candidates, but with a time index
        // at hand SQLite walks that in sort order instead, through every older item while the page stays short. A
        // unary + takes the other indexes out of its choice, so it starts from the R*Tree and sorts the few rows.
        // Large areas keep the walk in sort order: there the page fills early and sorting all candidates would not.
        var prefix = dialect == SqlDialect.Sqlite && search.Area is not null && search.AreaEnvelopes.Sum(Area) <= SpatialFirstArea ? "+" : "";
        var keys = Keys(search.SortBy, dialect, Bind, prefix);
        var where = new List<string>();
        var exact = true;
        if (search.Collections is { } collections)
            where.Add(collections.Count == 0 ? "1=0" : $"{prefix}i.collection_id IN ({string.Join(", ", collections.Select(c => Bind(c)))})");
        if (search.Ids is { } ids)
            where.Add(ids.Count == 0 ? "1=0" : $"{prefix}i.id IN ({string.Join(", ", ids.Select(id => Bind(id)))})");
        if (search.Datetime is { } interval)
        {
            if (interval.Start is { } start) where.Add($"{prefix}i.dt_end >= {Bind(start)}");
            if (interval.End is { } end) where.Add($"{prefix}i.dt_start <= {Bind(end)}");
        }
        if (search.Area is not null)
        {
            where.Add(Spatial(search.AreaEnvelopes, dialect, Bind));
            exact = false;
        }
        if (search.Filter is { } filter)
        {
            var condition = Cql2Sql.Translate(filter, dialect, Bind);
            where.Add($"({condition.Sql})");
            exact &= condition.Exact;
        }
        if (from is not null) where.Add(After(keys, from, backward, Bind));

        var sql = new StringBuilder();
        sql.Append("SELECT ").Append(dialect == SqlDialect.Postgres ? "i.document::text" : "i.document");
        foreach (var key in keys) sql.Append(", ").Append(key.Expression);
        sql.Append(" FROM stac_item i");
        if (where.Count > 0) sql.Append(" WHERE ").AppendJoin(" AND ", where);
        sql.Append(" ORDER BY ").AppendJoin(", ", keys.Select(k => k.OrderBy(backward)));
        sql.Append(" LIMIT ").Append(Bind(batch(exact)));
        return (new SqlQuery(sql.ToString(), parameters), exact);
    }

    /// <summary>The JSON form of a key value the store returned, for a page token.</summary>
    public static JsonNode? KeyValue(object? value) => value switch
    {
        null or DBNull => null,
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        int n => JsonValue.Create((long)n),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create((double)f),
        decimal m => JsonValue.Create((double)m),
        _ => throw new InvalidOperationException($"Unexpected sort key value of type {value.GetType()}."),
    };

    private static string Spatial(IReadOnlyList<Envelope> envelopes, SqlDialect dialect, Func<object?, string> bind)
    {
        var parts = envelopes.Select(e => dialect == SqlDialect.Postgres
            ? $"box(point(i.min_x, i.min_y), point(i.max_x, i.max_y)) && box(point({bind(e.MinX)}, {bind(e.MinY)}), point({bind(e.MaxX)}, {bind(e.MaxY)}))"
            : $"i.item_key IN (SELECT b.id FROM stac_item_bbox b WHERE b.max_x >= {bind(e.MinX)} AND b.min_x <= {bind(e.MaxX)} AND b.max_y >= {bind(e.MinY)} AND b.min_y <= {bind(e.MaxY)})");
        return "(" + string.Join(" OR ", parts) + ")";
    }

    private static double Area(Envelope e) => (e.MaxX - e.MinX) * (e.MaxY - e.MinY);

    private static List<SortKey> Keys(IReadOnlyList<SortField> sortBy, SqlDialect dialect, Func<object?, string> bind, string prefix)
    {
        var keys = sortBy.Select(field => Key(field, dialect, bind, prefix)).ToList();
        keys.Add(new SortKey(prefix + "i.collection_id", KeyKind.Text, false, false));
        keys.Add(new SortKey(prefix + "i.id", KeyKind.Text, false, false));
        return keys;
    }

    private static SortKey Key(SortField field, SqlDialect dialect, Func<object?, string> bind, string prefix)
    {
        var name = field.Field.StartsWith("properties.", StringComparison.Ordinal) ? field.Field["properties.".Length..] : field.Field;
        return name switch
        {
            "id" => new SortKey(prefix + "i.id", KeyKind.Text, field.Descending, false),
            "collection" => new SortKey(prefix + "i.collection_id", KeyKind.Text, field.Descending, false),
            "datetime" or "start_datetime" => new SortKey(prefix + "i.dt_start", KeyKind.Integer, field.Descending, false),
            "end_datetime" => new SortKey(prefix + "i.dt_end", KeyKind.Integer, field.Descending, false),
            _ => new SortKey(NumericProperty(name, dialect, bind), KeyKind.Real, field.Descending, true),
        };
    }

    // Any other property sorts by its numeric value; items where it is missing or not a number come last.
    private static string NumericProperty(string name, SqlDialect dialect, Func<object?, string> bind)
    {
        if (dialect == SqlDialect.Postgres)
        {
            var p = bind(name);
            return $"(CASE WHEN jsonb_typeof(i.document->'properties'->{p}) = 'number' THEN (i.document->'properties'->>{p})::double precision END)";
        }
        var path = bind("$.properties.\"" + name.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        return $"(CASE WHEN json_type(i.document, {path}) IN ('integer', 'real') THEN CAST(json_extract(i.document, {path}) AS REAL) END)";
    }

    // Keyset condition: the rows strictly after (or before) the key in the sort order, missing values last.
    private static string After(List<SortKey> keys, IReadOnlyList<JsonNode?> from, bool backward, Func<object?, string> bind)
    {
        if (from.Count != keys.Count)
            throw new CatalogRequestException("token does not belong to this search's sort order: start again without it.");
        var alternatives = new List<string>();
        for (var j = 0; j < keys.Count; j++)
        {
            var terms = new List<string>();
            for (var m = 0; m < j; m++) terms.Add(keys[m].Equal(Value(keys[m], from[m]), bind));
            var beyond = keys[j].Beyond(Value(keys[j], from[j]), backward, bind);
            if (beyond is null) continue;
            terms.Add(beyond);
            alternatives.Add("(" + string.Join(" AND ", terms) + ")");
        }
        if (alternatives.Count == 0) return "1=0";
        var condition = "(" + string.Join(" OR ", alternatives) + ")";
        // Implied by the OR above, but a plain range on the leading key lets either database seek into its index
        // instead of scanning from the top and discarding every row of the pages before.
        var lead = keys[0];
        if (lead.Nullable) return condition;
        var greater = lead.Descending == backward;
        return $"{lead.Expression} {(greater ? ">=" : "<=")} {bind(Value(lead, from[0]))} AND {condition}";
    }

    private static object? Value(SortKey key, JsonNode? node)
    {
        try
        {
            return node switch
            {
                null when key.Nullable => null,
                JsonValue v when key.Kind == KeyKind.Text => v.GetValue<string>(),
                JsonValue v when key.Kind == KeyKind.Integer => v.GetValue<long>(),
                JsonValue v when key.Kind == KeyKind.Real => v.GetValue<double>(),
                _ => throw new FormatException(),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new CatalogRequestException("token does not belong to this search's sort order: start again without it.", e);
        }
    }

    private enum KeyKind { Text, Integer, Real }

    private sealed record SortKey(string Expression, KeyKind Kind, bool Descending, bool Nullable)
    {
        public string OrderBy(bool backward)
        {
            var descending = Descending != backward;
            // Missing values last when reading forward, so first when reading back.
            return Expression + (descending ? " DESC" : " ASC") + (Nullable ? (backward ? " NULLS FIRST" : " NULLS LAST") : "");
        }

        public string Equal(object? value, Func<object?, string> bind) =>
            value is null ? $"{Expression} IS NULL" : $"{Expression} = {bind(value)}";

        /// <summary>Rows past the value in reading order; null when none can be.</summary>
        public string? Beyond(object? value, bool backward, Func<object?, string> bind)
        {
            var greater = Descending == backward;
            if (value is null)
                return backward ? $"{Expression} IS NOT NULL" : null;
            var comparison = $"{Expression} {(greater ? ">" : "<")} {bind(value)}";
            return Nullable && !backward ? $"({comparison} OR {Expression} IS NULL)" : comparison;
        }
    }
}
