using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Catalog.Filter;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Search;

/// <summary>
/// Reads item searches from the two forms STAC API defines: query parameters (GET) and a JSON body (POST).
/// Every mistake becomes a <see cref="CatalogRequestException"/> that names the parameter.
/// </summary>
public static class ItemSearchParser
{
    /// <summary>Reads a GET search (also the items of one collection, with <paramref name="collection"/> fixed).</summary>
    public static ItemSearch FromQuery(IReadOnlyDictionary<string, string> query, SearchLimits limits, string? collection = null)
    {
        string? Get(string name) => query.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

        var search = new ItemSearch
        {
            Collections = collection is not null ? [collection] : Get("collections") is { } c ? List(c) : null,
            Ids = collection is null && Get("ids") is { } ids ? List(ids) : null,
            Datetime = Get("datetime") is { } dt ? TimeInterval.Parse(dt) : null,
            Limit = Get("limit") is { } l ? Limit(l, limits) : limits.Default,
            SortBy = Get("sortby") is { } s ? SortField.ParseList(s) : SortField.Default,
            Fields = Get("fields") is { } f ? FieldsSelection.Parse(f) : null,
            Token = Get("token") is { } t ? PageToken.Decode(t) : null,
            Filter = Filter(Get("filter"), Get("filter-lang") ?? "cql2-text", Get("filter-crs")),
        };
        var bbox = Get("bbox") is { } b ? Bbox(ParseNumbers(b)) : null;
        var intersects = Get("intersects") is { } i ? Intersects(ParseJson(i, "intersects")) : null;
        return WithArea(search, bbox, intersects);
    }

    /// <summary>Reads a POST search body.</summary>
    public static ItemSearch FromJson(JsonObject body, SearchLimits limits)
    {
        var search = new ItemSearch
        {
            Collections = Strings(body["collections"], "collections"),
            Ids = Strings(body["ids"], "ids"),
            Datetime = body["datetime"] is { } dt ? TimeInterval.Parse(String(dt, "datetime")) : null,
            Limit = body["limit"] is { } l ? Limit(l is JsonValue v && v.TryGetValue<double>(out var n) ? n.ToString(CultureInfo.InvariantCulture) : l.ToJsonString(), limits) : limits.Default,
            SortBy = body["sortby"] is { } s ? SortBy(s) : SortField.Default,
            Fields = body["fields"] is { } f ? FieldsSelection.FromJson(f) : null,
            Token = body["token"] is { } t ? PageToken.Decode(String(t, "token")) : null,
        };
        var lang = body["filter-lang"] is { } fl ? String(fl, "filter-lang") : null;
        var filter = body["filter"] switch
        {
            null => null,
            JsonValue text when text.TryGetValue<string>(out var filterText) => Filter(filterText, lang ?? "cql2-text", Crs(body)),
            JsonObject json => Filter(json, lang ?? "cql2-json", Crs(body)),
            _ => throw new CatalogRequestException("filter must be a CQL2 JSON object or a CQL2 text string."),
        };
        var bbox = body["bbox"] switch
        {
            null => null,
            JsonArray a => Bbox(a.Select(v => v is JsonValue n && n.TryGetValue<double>(out var d)
                ? d
                : throw new CatalogRequestException("bbox must be an array of numbers.")).ToArray()),
            _ => throw new CatalogRequestException("bbox must be an array of 4 or 6 numbers."),
        };
        var intersects = body["intersects"] is { } i ? Intersects(i) : null;
        return WithArea(search with { Filter = filter }, bbox, intersects);
    }

    private static string? Crs(JsonObject body) => body["filter-crs"] is { } crs ? String(crs, "filter-crs") : null;

    private static Cql2Expression? Filter(string? text, string lang, string? crs)
    {
        if (text is null) return null;
        return Filter(lang == "cql2-json" ? ParseJson(text, "filter") : null, lang, crs, text);
    }

    private static Cql2Expression? Filter(JsonNode? json, string lang, string? crs, string? text = null)
    {
        if (crs is not null && crs != "http://www.opengis.net/def/crs/OGC/1.3/CRS84")
            throw new CatalogRequestException($"filter-crs '{crs}' is not supported: only http://www.opengis.net/def/crs/OGC/1.3/CRS84.");
        try
        {
            return lang switch
            {
                "cql2-text" when text is not null => Cql2TextParser.Parse(text),
                "cql2-text" => throw new CatalogRequestException("filter-lang is cql2-text but the filter is a JSON object."),
                "cql2-json" => Cql2JsonParser.Parse(json),
                _ => throw new CatalogRequestException($"filter-lang '{lang}' is not supported: use cql2-text or cql2-json."),
            };
        }
        catch (Cql2Exception e)
        {
            throw new CatalogRequestException($"filter: {e.Message}", e);
        }
    }

    private static ItemSearch WithArea(ItemSearch search, double[]? bbox, Shape? intersects)
    {
        if (bbox is not null && intersects is not null)
            throw new CatalogRequestException("bbox and intersects cannot be used together: give one.");
        if (intersects is not null) return search with { Area = intersects, AreaEnvelopes = [intersects.Envelope] };
        if (bbox is null) return search;
        return search with
        {
            Area = Shape.FromBbox(bbox[0], bbox[1], bbox[2], bbox[3]),
            AreaEnvelopes = Shape.BboxEnvelopes(bbox[0], bbox[1], bbox[2], bbox[3]),
        };
    }

    /// <summary>[w, s, e, n] from 4 values, or from the 6 of a 3D box (w, s, zmin, e, n, zmax).</summary>
    private static double[] Bbox(double[] values)
    {
        var box = values.Length switch
        {
            4 => values,
            6 => [values[0], values[1], values[3], values[4]],
            _ => throw new CatalogRequestException($"bbox needs 4 numbers (west,south,east,north) or 6 (with heights), got {values.Length}."),
        };
        if (box.Any(v => !double.IsFinite(v)))
            throw new CatalogRequestException("bbox values must be finite numbers.");
        if (box[0] is < -180 or > 180 || box[2] is < -180 or > 180 || box[1] is < -90 or > 90 || box[3] is < -90 or > 90)
            throw new CatalogRequestException("bbox must lie within longitude -180..180 and latitude -90..90.");
        if (box[1] > box[3])
            throw new CatalogRequestException("bbox south is greater than north.");
        // west > east is allowed: the box crosses the antimeridian.
        return box;
    }

    private static Shape Intersects(JsonNode? node)
    {
        try
        {
            return GeoJsonShape.Parse(node, "intersects");
        }
        catch (GeometryException e)
        {
            throw new CatalogRequestException(e.Message, e);
        }
    }

    private static double[] ParseNumbers(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries).Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new CatalogRequestException($"bbox '{text}': '{p}' is not a number.")).ToArray();

    private static JsonNode? ParseJson(string text, string name)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CatalogRequestException($"{name} is not valid JSON: {e.Message}", e);
        }
    }

    private static int Limit(string text, SearchLimits limits)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
            throw new CatalogRequestException($"limit '{text}' must be a whole number of at least 1.");
        return (int)Math.Min(limit, limits.Maximum);
    }

    private static IReadOnlyList<string> List(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static IReadOnlyList<string>? Strings(JsonNode? node, string name) => node switch
    {
        null => null,
        JsonArray items => items.Select(i => String(i, name)).ToList(),
        _ => throw new CatalogRequestException($"{name} must be an array of strings."),
    };

    private static string String(JsonNode? node, string name) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new CatalogRequestException($"{name} must be a string.");

    private static IReadOnlyList<SortField> SortBy(JsonNode node) => node switch
    {
        JsonArray keys => keys.Select(k => k is JsonObject o && o["field"] is JsonValue f && f.TryGetValue<string>(out var field) && field.Length > 0
            ? new SortField(field, (o["direction"] as JsonValue)?.ToString() switch
            {
                null or "asc" => false,
                "desc" => true,
                var d => throw new CatalogRequestException($"sortby direction '{d}' must be 'asc' or 'desc'."),
            })
            : throw new CatalogRequestException("sortby entries must be objects {\"field\": ..., \"direction\": \"asc\"|\"desc\"}.")).ToList(),
        JsonValue text when text.TryGetValue<string>(out var s) => SortField.ParseList(s),
        _ => throw new CatalogRequestException("sortby must be an array of {field, direction} objects."),
    };
}
