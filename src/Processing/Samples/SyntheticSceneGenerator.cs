using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Raster;

namespace Actors.Processing.Samples;

/// <summary>
/// Writes a synthetic Sentinel-2 L2A-like scene: uint16 green, red and nir COGs at 10 m in UTM 33N,
/// a truth water mask, and an earth-search-style STAC 1.0 item with relative hrefs. Nothing is downloaded.
/// </summary>
public sealed class SyntheticSceneGenerator
{
    private const int Epsg = 32633;
    private const double PixelSize = 10;
    private const double OriginX = 399960;
    private const double OriginY = 5900040;

    private static readonly (string Common, string Name, double Wavelength)[] Bands =
        [("green", "B03", 0.56), ("red", "B04", 0.665), ("nir", "B08", 0.842)];

    /// <summary>Generates a scene of <paramref name="size"/> × <paramref name="size"/> pixels into <paramref name="directory"/>.</summary>
    public Task<SampleScene> GenerateAsync(string directory, int size = 1024, int seed = 42, CancellationToken cancellationToken = default)
    {
        if (size < 16) throw new ArgumentOutOfRangeException(nameof(size), size, "A sample needs at least 16 x 16 pixels.");
        return Task.Run(() => Generate(directory, size, seed, cancellationToken), cancellationToken);
    }

    private static SampleScene Generate(string directory, int size, int seed, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var landscape = new SyntheticLandscape(size, seed);
        var transform = new[] { OriginX, PixelSize, 0, OriginY, 0, -PixelSize };
        using var crs = SpatialReference.FromEpsg(Epsg);
        var wkt = crs.Wkt;

        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var b = 0; b < Bands.Length; b++)
        {
            var band = b;
            var path = Path.Combine(directory, Bands[b].Common + ".tif");
            WriteCog<ushort>(path, size, transform, wkt, PixelType.UInt16, 0, "AVERAGE", (y, row) =>
            {
                for (var x = 0; x < size; x++)
                {
                    var r = landscape.Reflectance(x, y);
                    row[x] = band switch { 0 => r.Green, 1 => r.Red, _ => r.Nir };
                }
            }, cancellationToken);
            paths[Bands[b].Common] = path;
        }

        var truthPath = Path.Combine(directory, "truth.tif");
        WriteCog<byte>(truthPath, size, transform, wkt, PixelType.Byte, 255, "NEAREST", (y, row) =>
        {
            for (var x = 0; x < size; x++) row[x] = landscape.Truth(x, y);
        }, cancellationToken);

        var itemId = $"S2B_33UUU_20250614_0_L2A_SYN{seed}_{size}";
        var itemPath = Path.Combine(directory, "item.json");
        File.WriteAllText(itemPath, ItemJson(itemId, size, transform, crs).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new SampleScene(Path.GetFullPath(itemPath), itemId, paths.ToDictionary(kv => kv.Key, kv => Path.GetFullPath(kv.Value)), Path.GetFullPath(truthPath));
    }

    private static void WriteCog<T>(
        string path, int size, double[] transform, string wkt, PixelType type, double noData, string resampling,
        Action<int, T[]> fillRow, CancellationToken cancellationToken) where T : unmanaged
    {
        using var memory = RasterDataset.CreateInMemory(size, size, 1, type);
        memory.GeoTransform = transform;
        memory.ProjectionWkt = wkt;
        memory.SetNoData(noData);
        const int stripRows = 256;
        var strips = (size + stripRows - 1) / stripRows;
        var writeLock = new object();
        Parallel.For(0, strips, new ParallelOptions { CancellationToken = cancellationToken }, s =>
        {
            var row0 = s * stripRows;
            var rows = Math.Min(stripRows, size - row0);
            var strip = new T[size * rows];
            var row = new T[size];
            for (var r = 0; r < rows; r++)
            {
                fillRow(row0 + r, row);
                row.CopyTo(strip, r * size);
            }
            lock (writeLock) memory.Write<T>(1, 0, row0, size, rows, strip);
        });
        memory.CopyTo("COG", path, CogOptions.For(type, resampling));
    }

    private static JsonObject ItemJson(string id, int size, double[] transform, SpatialReference crs)
    {
        using var wgs84 = SpatialReference.Wgs84();
        var maxX = transform[0] + size * transform[1];
        var minY = transform[3] + size * transform[5];
        var (w, s, e, n) = crs.TransformBounds(wgs84, transform[0], minY, maxX, transform[3]);
        static JsonArray Point(double x, double y) => [x, y];

        var assets = new JsonObject();
        foreach (var (common, name, wavelength) in Bands)
        {
            assets[common] = new JsonObject
            {
                ["href"] = $"./{common}.tif",
                ["type"] = "image/tiff; application=geotiff; profile=cloud-optimized",
                ["title"] = $"{common} ({name}) - 10m",
                ["roles"] = new JsonArray("data", "reflectance"),
                ["eo:bands"] = new JsonArray(new JsonObject
                {
                    ["name"] = name,
                    ["common_name"] = common,
                    ["center_wavelength"] = wavelength,
                }),
                ["gsd"] = PixelSize,
                ["proj:shape"] = new JsonArray(size, size),
                ["proj:transform"] = new JsonArray(transform[1], transform[2], transform[0], transform[4], transform[5], transform[3]),
                ["raster:bands"] = new JsonArray(new JsonObject { ["nodata"] = 0, ["data_type"] = "uint16", ["spatial_resolution"] = PixelSize, ["scale"] = 0.0001, ["offset"] = 0 }),
            };
        }
        return new JsonObject
        {
            ["type"] = "Feature",
            ["stac_version"] = "1.0.0",
            ["stac_extensions"] = new JsonArray(
                "https://stac-extensions.github.io/eo/v1.1.0/schema.json",
                "https://stac-extensions.github.io/projection/v1.1.0/schema.json",
                "https://stac-extensions.github.io/raster/v1.1.0/schema.json"),
            ["id"] = id,
            ["bbox"] = new JsonArray(w, s, e, n),
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(Point(w, s), Point(e, s), Point(e, n), Point(w, n), Point(w, s))),
            },
            ["properties"] = new JsonObject
            {
                ["datetime"] = "2025-06-14T10:16:59.024000Z",
                ["platform"] = "sentinel-2b",
                ["constellation"] = "sentinel-2",
                ["instruments"] = new JsonArray("msi"),
                ["eo:cloud_cover"] = 0.0,
                ["proj:epsg"] = Epsg,
                ["s2:mgrs_tile"] = "33UUU",
                ["synthetic"] = true,
                ["created"] = DateTime.UnixEpoch.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            },
            ["links"] = new JsonArray(),
            ["assets"] = assets,
        };
    }
}
