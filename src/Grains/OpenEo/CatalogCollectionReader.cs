using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Catalog.Geometry;
using Actors.Catalog.Search;
using Actors.Grains.Catalog;
using Actors.Grains.Storage;
using Actors.OpenEo;
using Actors.Processing.Hrefs;

namespace Actors.Grains.OpenEo;

/// <summary>
/// <c>load_collection</c>'s source: the items of a catalog collection, oldest first, with their bands as rasters GDAL
/// opens. Staged scenes (collection <c>scenes</c>) keep one asset per band common name in the object store; other
/// collections' single-band assets are named by their band (<c>bands[0].name</c>, else the asset key) and read from
/// their href (a local path, or <c>s3://</c> through <c>/vsis3/</c>) when the silo's href policy allows it; http(s)
/// assets are not read (GDAL would connect past the policy's address checks).
/// </summary>
public sealed class CatalogCollectionReader(IStacCatalog catalog, IObjectStore objects, HrefPolicy hrefs) : ICollectionReader
{
    private const int PageSize = 500;

    /// <inheritdoc />
    public async Task<IReadOnlyList<SourceItem>> FindAsync(CollectionQuery query, CancellationToken cancellationToken)
    {
        if (await catalog.GetCollectionAsync(query.Collection, cancellationToken) is null)
            throw new OpenEoException("CollectionNotFound", $"Collection '{query.Collection}' does not exist.", 404);

        var search = new ItemSearch
        {
            Collections = [query.Collection],
            Datetime = Interval(query.Start, query.End),
            SortBy = [new SortField("datetime", false)],
            Limit = PageSize,
        };
        if (query.Bbox is [var west, var south, var east, var north])
            search = search with { Area = Shape.FromBbox(west, south, east, north), AreaEnvelopes = Shape.BboxEnvelopes(west, south, east, north) };

        var items = new List<SourceItem>();
        PageToken? token = null;
        do
        {
            var page = await catalog.SearchAsync(search with { Token = token }, cancellationToken);
            foreach (var item in page.Items)
                if (await ToSourceAsync(query, item, cancellationToken) is { } source) items.Add(source);
            token = page.Next;
        }
        while (token is not null);
        return items.OrderBy(i => i.Datetime).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
    }

    // Null for an item without a datetime (a range-only item has no single time step).
    private async Task<SourceItem?> ToSourceAsync(CollectionQuery query, JsonObject item, CancellationToken cancellationToken)
    {
        var id = item["id"]!.GetValue<string>();
        var properties = item["properties"] as JsonObject ?? [];
        var datetime = properties["datetime"]?.GetValue<string>() ?? properties["start_datetime"]?.GetValue<string>();
        if (datetime is null || !DateTimeOffset.TryParse(datetime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return null;

        var available = await BandsAsync(query.Collection, id, item["assets"] as JsonObject ?? [], cancellationToken);
        IReadOnlyList<SourceBand> bands;
        if (query.Bands is null)
            bands = available;
        else
        {
            var chosen = new List<SourceBand>();
            foreach (var name in query.Bands)
            {
                var band = available.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.Ordinal))
                    ?? throw new OpenEoException("ProcessParameterInvalid",
                        $"load_collection: item '{id}' of collection '{query.Collection}' has no band '{name}' (it has {string.Join(", ", available.Select(b => b.Name))}).");
                chosen.Add(band);
            }
            bands = chosen;
        }
        var values = properties.ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal);
        return new SourceItem(id, time.ToUniversalTime(), values, bands);
    }

    private async Task<List<SourceBand>> BandsAsync(string collection, string itemId, JsonObject assets, CancellationToken cancellationToken)
    {
        var bands = new List<SourceBand>();
        foreach (var (key, node) in assets.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (node is not JsonObject asset || !IsRaster(asset)) continue;
            var described = asset["bands"] as JsonArray ?? asset["eo:bands"] as JsonArray ?? asset["raster:bands"] as JsonArray;
            // A multi-band asset is not one band of the cube.
            if (described is { Count: > 1 }) continue;
            var band = described is [JsonObject only] ? only : null;
            var name = collection == StacCollections.Scenes ? key : band?["name"]?.GetValue<string>() ?? key;
            var path = collection == StacCollections.Scenes
                ? objects.GdalPath(ObjectKeys.SceneBand(itemId, key))
                : await GdalPathAsync(asset["href"]?.GetValue<string>(), cancellationToken);
            if (path is null) continue;
            var scale = Number(band?["raster:scale"]) ?? Number(asset["raster:scale"]) ?? 1;
            var offset = Number(band?["raster:offset"]) ?? Number(asset["raster:offset"]) ?? 0;
            bands.Add(new SourceBand(name, path, scale, offset));
        }
        return bands;
    }

    private static bool IsRaster(JsonObject asset)
    {
        var type = asset["type"]?.GetValue<string>() ?? "";
        var roles = (asset["roles"] as JsonArray)?.Select(r => r?.GetValue<string>()).ToList() ?? [];
        return type.StartsWith("image/tiff", StringComparison.OrdinalIgnoreCase) && (roles.Count == 0 || roles.Contains("data"));
    }

    private async Task<string?> GdalPathAsync(string? href, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(href)) return null;
        try
        {
            return await hrefs.CheckAsync(href, mayBeMissing: false, cancellationToken) switch
            {
                HrefTarget.Local local => Path.GetFullPath(local.Path),
                HrefTarget.S3 s3 => $"/vsis3/{s3.Bucket}/{s3.Key}",
                _ => null,
            };
        }
        catch (HrefRefusedException)
        {
            return null;
        }
    }

    private static double? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        _ => node.ToJsonString(),
    };

    private static TimeInterval? Interval(DateTimeOffset? start, DateTimeOffset? end) =>
        start is null && end is null
            ? null
            // The catalog's interval is inclusive; the query's end is exclusive.
            : new TimeInterval(start?.ToUnixTimeMilliseconds(), end is { } e ? e.ToUnixTimeMilliseconds() - 1 : null);
}
