using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Catalog.Search;
using Actors.Grains.Catalog;
using static Actors.Silo.Endpoints.OpenEo.CapabilitiesDocument;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary>
/// The catalog's collections as openEO serves them: STAC collections with openEO links and, for one collection,
/// the datacube extension's <c>cube:dimensions</c> (x and y in the items' projection, t over their datetimes, the
/// bands their data assets hold) and <c>summaries</c>, derived from the items so they say what
/// <c>load_collection</c> will find.
/// </summary>
public static class CollectionsDocuments
{
    /// <summary>The STAC datacube extension the dimensions follow.</summary>
    public const string DatacubeExtension = "https://stac-extensions.github.io/datacube/v2.2.0/schema.json";

    /// <summary>How many of a collection's items are read to derive its dimensions (the most recent ones).</summary>
    public const int ItemsRead = 1000;

    /// <summary>A collection for the list: links, no dimensions or summaries (the specification asks lists to stay small).</summary>
    public static JsonObject Summary(JsonObject stored, string apiRoot, string stacRoot) => WithLinks(stored, apiRoot, stacRoot);

    /// <summary>A collection with its <c>cube:dimensions</c> and <c>summaries</c>.</summary>
    public static async Task<JsonObject> FullAsync(JsonObject stored, string apiRoot, string stacRoot, IStacCatalog catalog, CancellationToken cancellationToken)
    {
        var collection = WithLinks(stored, apiRoot, stacRoot);
        var id = collection["id"]!.GetValue<string>();
        var page = await catalog.SearchAsync(new ItemSearch { Collections = [id], Limit = ItemsRead }, cancellationToken);
        var facts = ItemFacts.Of(page.Items);

        var extensions = collection["stac_extensions"] as JsonArray ?? [];
        if (!extensions.Any(e => e?.GetValue<string>() == DatacubeExtension)) extensions.Add(DatacubeExtension);
        collection["stac_extensions"] = extensions;

        var dimensions = new JsonObject();
        var (west, south, east, north) = Bbox(collection);
        if (facts.Grid is { } grid)
        {
            dimensions["x"] = Spatial("x", grid.XMin, grid.XMax, grid.XStep, grid.Epsg);
            dimensions["y"] = Spatial("y", grid.YMin, grid.YMax, grid.YStep, grid.Epsg);
        }
        else
        {
            dimensions["x"] = Spatial("x", west, east, null, 4326);
            dimensions["y"] = Spatial("y", south, north, null, 4326);
        }
        dimensions["t"] = new JsonObject { ["type"] = "temporal", ["extent"] = Interval(collection), ["step"] = null };
        if (facts.Bands.Count > 0) dimensions["bands"] = new JsonObject { ["type"] = "bands", ["values"] = Strings(facts.Bands) };
        collection["cube:dimensions"] = dimensions;

        var summaries = collection["summaries"] as JsonObject ?? [];
        if (facts.Bands.Count > 0) summaries["bands"] = new JsonArray(facts.Bands.Select(b => (JsonNode?)new JsonObject { ["name"] = b }).ToArray());
        if (facts.ProjCodes.Count > 0) summaries["proj:code"] = Strings(facts.ProjCodes);
        collection["summaries"] = summaries;
        return collection;
    }

    private static JsonObject WithLinks(JsonObject stored, string apiRoot, string stacRoot)
    {
        var collection = stored.DeepClone().AsObject();
        var id = Uri.EscapeDataString(collection["id"]!.GetValue<string>());
        var links = new JsonArray(
            Link("self", $"{apiRoot}/collections/{id}", "application/json"),
            Link("root", apiRoot + "/", "application/json"),
            Link("parent", apiRoot + "/collections", "application/json"),
            Link("alternate", $"{stacRoot}/collections/{id}", "application/json", "The collection in the STAC API"),
            Link("items", $"{stacRoot}/collections/{id}/items", "application/geo+json", "Items (STAC API)"));
        // Other stored links stay when they are absolute: openEO links must be URLs.
        foreach (var link in collection["links"]?.AsArray() ?? [])
        {
            if (link?["rel"]?.GetValue<string>() is null or "self" or "root" or "parent" or "items") continue;
            if (link["href"]?.GetValue<string>() is { } href && Uri.TryCreate(href, UriKind.Absolute, out _)) links.Add(link.DeepClone());
        }
        collection["links"] = links;
        collection["type"] = "Collection";
        collection["stac_version"] = StacVersion;
        return collection;
    }

    private static JsonObject Spatial(string axis, double min, double max, double? step, int epsg)
    {
        var dimension = new JsonObject { ["type"] = "spatial", ["axis"] = axis, ["extent"] = new JsonArray(min, max), ["reference_system"] = epsg };
        if (step is { } s) dimension["step"] = s;
        return dimension;
    }

    private static (double West, double South, double East, double North) Bbox(JsonObject collection)
    {
        var box = collection["extent"]?["spatial"]?["bbox"]?[0]?.AsArray();
        if (box is not { Count: >= 4 }) return (-180, -90, 180, 90);
        var values = box.Select(v => v!.GetValue<double>()).ToArray();
        return values.Length == 6 ? (values[0], values[1], values[3], values[4]) : (values[0], values[1], values[2], values[3]);
    }

    private static JsonArray Interval(JsonObject collection)
    {
        var interval = collection["extent"]?["temporal"]?["interval"]?[0]?.AsArray();
        return new JsonArray(interval?[0]?.DeepClone(), interval?[1]?.DeepClone());
    }

    /// <summary>What a collection's items say about its cube.</summary>
    private sealed record ItemFacts(IReadOnlyList<string> Bands, IReadOnlyList<string> ProjCodes, NativeGrid? Grid)
    {
        public static ItemFacts Of(IReadOnlyList<JsonObject> items)
        {
            var bands = new List<string>();
            var codes = new SortedSet<string>(StringComparer.Ordinal);
            var grids = new List<NativeGrid>();
            foreach (var item in items)
            {
                foreach (var band in BandsOf(item))
                    if (!bands.Contains(band, StringComparer.Ordinal)) bands.Add(band);
                var properties = item["properties"] as JsonObject;
                if (ProjCode(properties) is { } code) codes.Add(code);
                if (NativeGrid.Of(properties) is { } grid) grids.Add(grid);
            }
            // One grid only when every item is in the same projection: a UTM extent spanning zones means nothing.
            var union = grids.Count == items.Count && grids.Count > 0 && grids.Select(g => g.Epsg).Distinct().Count() == 1
                ? grids.Aggregate(NativeGrid.Union)
                : null;
            return new ItemFacts(bands, [.. codes], union);
        }

        // Data assets: their band names (STAC 1.1 "bands"), or the asset key for a single-band asset without them.
        private static IEnumerable<string> BandsOf(JsonObject item)
        {
            foreach (var (key, asset) in item["assets"] as JsonObject ?? [])
            {
                if (asset is not JsonObject a) continue;
                var roles = a["roles"] as JsonArray;
                if (roles is not null && !roles.Any(r => r?.GetValue<string>() == "data")) continue;
                if (a["type"]?.GetValue<string>() is { } type && !type.StartsWith("image/tiff", StringComparison.Ordinal)) continue;
                if (a["bands"] is JsonArray { Count: > 0 } named)
                {
                    foreach (var band in named)
                        if (band?["name"]?.GetValue<string>() is { Length: > 0 } name) yield return name;
                }
                else
                {
                    yield return key;
                }
            }
        }

        private static string? ProjCode(JsonObject? properties) => properties?["proj:code"]?.GetValue<string>() is { Length: > 0 } code
            ? code
            : properties?["proj:epsg"] is JsonValue epsg && epsg.TryGetValue<int>(out var number) ? $"EPSG:{number.ToString(CultureInfo.InvariantCulture)}" : null;

        internal static int? Epsg(JsonObject? properties) =>
            ProjCode(properties) is { } code && code.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(code.AsSpan(5), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epsg) ? epsg : null;
    }

    /// <summary>An item's (or the union of items') extent and pixel size in its projection.</summary>
    private sealed record NativeGrid(int Epsg, double XMin, double XMax, double YMin, double YMax, double? XStep, double? YStep)
    {
        // proj:transform is GDAL's geotransform in STAC order [a, b, c, d, e, f]: x = a*col + b*row + c, y = d*col + e*row + f.
        public static NativeGrid? Of(JsonObject? properties)
        {
            if (ItemFacts.Epsg(properties) is not { } epsg) return null;
            if (properties?["proj:transform"] is not JsonArray { Count: >= 6 } t || properties["proj:shape"] is not JsonArray { Count: 2 } shape) return null;
            var (a, b, c, d, e, f) = (t[0]!.GetValue<double>(), t[1]!.GetValue<double>(), t[2]!.GetValue<double>(), t[3]!.GetValue<double>(), t[4]!.GetValue<double>(), t[5]!.GetValue<double>());
            if (b != 0 || d != 0) return null;
            var (rows, cols) = (shape[0]!.GetValue<int>(), shape[1]!.GetValue<int>());
            var (x0, x1) = (c, c + a * cols);
            var (y0, y1) = (f, f + e * rows);
            return new NativeGrid(epsg, Math.Min(x0, x1), Math.Max(x0, x1), Math.Min(y0, y1), Math.Max(y0, y1), Math.Abs(a), Math.Abs(e));
        }

        public static NativeGrid Union(NativeGrid one, NativeGrid other) => new(
            one.Epsg, Math.Min(one.XMin, other.XMin), Math.Max(one.XMax, other.XMax), Math.Min(one.YMin, other.YMin), Math.Max(one.YMax, other.YMax),
            one.XStep == other.XStep ? one.XStep : null, one.YStep == other.YStep ? one.YStep : null);
    }
}
