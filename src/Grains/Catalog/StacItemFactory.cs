using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Actors.Processing;
using Actors.Processing.Products;

namespace Actors.Grains.Catalog;

/// <summary>Builds the STAC 1.1 items we register: staged scenes and products, with projection, file and processing fields.</summary>
public static class StacItemFactory
{
    private const string CogType = "image/tiff; application=geotiff; profile=cloud-optimized";
    private const string Software = "eo-actors";
    private static readonly string[] Extensions =
    [
        "https://stac-extensions.github.io/projection/v2.0.0/schema.json",
        "https://stac-extensions.github.io/file/v2.1.0/schema.json",
        "https://stac-extensions.github.io/processing/v1.2.0/schema.json",
    ];

    // Only staged scenes carry eo:common_name; the eo schema rejects items that declare it without eo fields.
    private const string EoExtension = "https://stac-extensions.github.io/eo/v2.0.0/schema.json";

    // Only products stored as scaled integers (NDVI) carry raster:scale/offset, so only they declare it.
    private const string RasterExtension = "https://stac-extensions.github.io/raster/v2.0.0/schema.json";

    /// <summary>A local file's STAC file-extension fields: size and SHA2-256 multihash.</summary>
    public static async Task<FileFacts> FileFactsAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        // Multihash: 0x12 = sha2-256, 0x20 = 32 bytes.
        return new FileFacts(stream.Length, "1220" + Convert.ToHexStringLower(hash));
    }

    /// <summary>The item of a staged scene.</summary>
    public static JsonObject StagedScene(
        string sceneId, string? datetime, RasterFootprint footprint, IReadOnlyDictionary<string, StoredAsset> bands,
        string? sourceItemHref, double[]? aoi)
    {
        var assets = new JsonObject();
        foreach (var (band, asset) in bands.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var node = Asset(asset, CogType, "data", $"{band} band, cropped");
            node["bands"] = new JsonArray(new JsonObject { ["name"] = band, ["eo:common_name"] = band });
            assets[band] = node;
        }
        var item = Item(sceneId, StacCollections.Scenes, datetime, footprint, assets);
        item["stac_extensions"]!.AsArray().Add(EoExtension);
        var properties = item["properties"]!.AsObject();
        properties["processing:lineage"] = aoi is null
            ? "Bands copied as Cloud-Optimized GeoTIFFs."
            : $"Bands cropped to AOI [{string.Join(", ", aoi.Select(v => v.ToString(CultureInfo.InvariantCulture)))}] and stored as Cloud-Optimized GeoTIFFs.";
        if (sourceItemHref is not null)
            item["links"]!.AsArray().Add(new JsonObject { ["rel"] = "derived_from", ["href"] = sourceItemHref, ["type"] = "application/geo+json" });
        return item;
    }

    /// <summary>The item of a product, derived from the staged scene item.</summary>
    public static JsonObject Product(
        string sceneId, string? datetime, IProductProcessor processor, ProductOutput output, StoredAsset data, StoredAsset quicklook)
    {
        var dataAsset = Asset(data, CogType, "data", processor.Name);
        var band = new JsonObject { ["name"] = processor.Name, ["data_type"] = output.DataType };
        if (output.NoData is { } noData) band["nodata"] = noData;
        if (output.Scale is { } scale)
        {
            band["raster:scale"] = scale;
            band["raster:offset"] = output.Offset ?? 0;
        }
        dataAsset["bands"] = new JsonArray(band);
        var assets = new JsonObject
        {
            ["data"] = dataAsset,
            ["quicklook"] = Asset(quicklook, "image/png", "overview", $"{processor.Name} quicklook"),
        };
        var item = Item(ProductItemId(sceneId, processor.Name, processor.Version), processor.Name, datetime, output.Footprint, assets);
        if (output.Scale is not null) item["stac_extensions"]!.AsArray().Add(RasterExtension);
        var properties = item["properties"]!.AsObject();
        properties["processing:software"] = new JsonObject { [$"{Software}/{processor.Name}"] = processor.Version };
        properties["processing:lineage"] = $"{processor.Name} {processor.Version} computed from bands {string.Join(", ", processor.RequiredBands)} of staged scene {sceneId}.";
        foreach (var (key, value) in output.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            properties[key] = JsonValue.Create(value);
        item["links"]!.AsArray().Add(new JsonObject
        {
            ["rel"] = "derived_from",
            ["href"] = StacCollections.ItemPath(StacCollections.Scenes, sceneId),
            ["type"] = "application/geo+json",
        });
        return item;
    }

    /// <summary>The id of a product's item.</summary>
    public static string ProductItemId(string sceneId, string product, string version) => $"{sceneId}_{product}_v{version}";

    private static JsonObject Item(string id, string collection, string? datetime, RasterFootprint footprint, JsonObject assets)
    {
        var b = footprint.Wgs84Bounds;
        static JsonArray P(double x, double y) => [x, y];
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var properties = new JsonObject
        {
            ["datetime"] = datetime ?? now,
            ["proj:code"] = footprint.Epsg is { } epsg ? $"EPSG:{epsg}" : null,
            ["proj:shape"] = new JsonArray(footprint.Height, footprint.Width),
            ["proj:transform"] = new JsonArray(footprint.ProjTransform.Select(v => (JsonNode?)v).ToArray()),
            ["processing:datetime"] = now,
        };
        if (footprint.Epsg is null) properties["proj:wkt2"] = footprint.CrsWkt;
        return new JsonObject
        {
            ["type"] = "Feature",
            ["stac_version"] = "1.1.0",
            ["stac_extensions"] = new JsonArray(Extensions.Select(e => (JsonNode?)e).ToArray()),
            ["id"] = id,
            ["collection"] = collection,
            ["bbox"] = new JsonArray(b[0], b[1], b[2], b[3]),
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(P(b[0], b[1]), P(b[2], b[1]), P(b[2], b[3]), P(b[0], b[3]), P(b[0], b[1]))),
            },
            ["properties"] = properties,
            ["links"] = new JsonArray(),
            ["assets"] = assets,
        };
    }

    private static JsonObject Asset(StoredAsset asset, string type, string role, string title) => new()
    {
        ["href"] = asset.Href,
        ["type"] = type,
        ["title"] = title,
        ["roles"] = new JsonArray(role),
        ["file:size"] = asset.File.Size,
        ["file:checksum"] = asset.File.Checksum,
    };
}

/// <summary>Size and multihash checksum of a stored file.</summary>
public sealed record FileFacts(long Size, string Checksum);

/// <summary>An object in the store as a STAC asset sees it.</summary>
public sealed record StoredAsset(string Key, string Href, FileFacts File);
