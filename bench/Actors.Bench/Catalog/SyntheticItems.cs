using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Bench.Catalog;

/// <summary>
/// Sentinel-2-like STAC items for the catalog benchmark, the same for a given seed: one collection, footprints of
/// 1° x 1° boxes uniformly over latitudes -60..70 and all longitudes, datetimes uniform over five years, cloud cover
/// 0..100, two platforms, and the assets and properties a Sentinel-2 L2A item carries (about 2 KB of JSON each).
/// </summary>
public static class SyntheticItems
{
    /// <summary>The collection every item belongs to.</summary>
    public const string CollectionId = "sentinel-2-l2a";

    /// <summary>The first instant of the items' datetimes.</summary>
    public static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The end of the items' datetimes (five years after <see cref="Start"/>).</summary>
    public static readonly DateTimeOffset End = Start.AddYears(5);

    /// <summary>Latitudes where footprints start (their south edge): land-ish, as Sentinel-2 covers.</summary>
    public const double MinLatitude = -60, MaxLatitude = 69;

    private static readonly string[] Bands = ["B02", "B03", "B04", "B08", "B11", "B12", "SCL"];

    /// <summary>The collection.</summary>
    public static JsonObject Collection() => new()
    {
        ["type"] = "Collection",
        ["stac_version"] = "1.1.0",
        ["id"] = CollectionId,
        ["description"] = "Synthetic Sentinel-2 L2A items of the catalog benchmark",
        ["license"] = "proprietary",
        ["extent"] = new JsonObject
        {
            ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray(-180, -90, 180, 90)) },
            ["temporal"] = new JsonObject { ["interval"] = new JsonArray(new JsonArray(null, null)) },
        },
        ["links"] = new JsonArray(),
    };

    /// <summary>Items <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 of the sequence of <paramref name="seed"/>.</summary>
    public static List<JsonObject> Batch(int seed, int first, int count)
    {
        var items = new List<JsonObject>(count);
        for (var n = first; n < first + count; n++) items.Add(Item(seed, n));
        return items;
    }

    /// <summary>Item <paramref name="n"/> of the sequence of <paramref name="seed"/> (each item has its own generator, so any range can be made alone).</summary>
    public static JsonObject Item(int seed, int n)
    {
        // Not HashCode.Combine: its seed changes from process to process, and the items must not.
        var mixed = unchecked(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)n * 0xC2B2AE3D27D4EB4FUL));
        var random = new Random((int)(mixed >> 33));
        var lon = Math.Round(-180 + random.NextDouble() * 359, 4);
        var lat = Math.Round(MinLatitude + random.NextDouble() * (MaxLatitude - MinLatitude), 4);
        var span = (End - Start).Ticks;
        var datetime = Start.AddTicks((long)(random.NextDouble() * span) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);
        var platform = random.Next(2) == 0 ? "sentinel-2a" : "sentinel-2b";
        var tile = string.Create(CultureInfo.InvariantCulture, $"{(int)((lon + 180) / 6) + 1:00}{(char)('C' + (int)((lat + 80) / 8))}{(char)('A' + random.Next(24))}{(char)('A' + random.Next(20))}");
        var stamp = datetime.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var id = string.Create(CultureInfo.InvariantCulture, $"S2{(platform == "sentinel-2a" ? 'A' : 'B')}_MSIL2A_{stamp}_R{random.Next(1, 144):000}_T{tile}_{n:D8}");
        var (w, s, e, north) = (lon, lat, Math.Round(lon + 1, 4), Math.Round(lat + 1, 4));
        var assets = new JsonObject();
        foreach (var band in Bands)
            assets[band] = new JsonObject
            {
                ["href"] = $"s3://sentinel-cogs/sentinel-s2-l2a-cogs/{tile}/{datetime:yyyy/M}/{id}/{band}.tif",
                ["type"] = "image/tiff; application=geotiff; profile=cloud-optimized",
                ["roles"] = new JsonArray("data"),
                ["gsd"] = band is "B11" or "B12" or "SCL" ? 20 : 10,
            };
        assets["thumbnail"] = new JsonObject
        {
            ["href"] = $"https://example.invalid/thumbnails/{id}.jpg",
            ["type"] = "image/jpeg",
            ["roles"] = new JsonArray("thumbnail"),
        };
        return new JsonObject
        {
            ["type"] = "Feature",
            ["stac_version"] = "1.1.0",
            ["stac_extensions"] = new JsonArray("https://stac-extensions.github.io/eo/v1.1.0/schema.json"),
            ["id"] = id,
            ["collection"] = CollectionId,
            ["bbox"] = new JsonArray(w, s, e, north),
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(
                    new JsonArray(w, s), new JsonArray(e, s), new JsonArray(e, north), new JsonArray(w, north), new JsonArray(w, s))),
            },
            ["properties"] = new JsonObject
            {
                ["datetime"] = datetime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                ["platform"] = platform,
                ["constellation"] = "sentinel-2",
                ["instruments"] = new JsonArray("msi"),
                ["eo:cloud_cover"] = Math.Round(random.NextDouble() * 100, 2),
                ["s2:mgrs_tile"] = tile,
                ["proj:epsg"] = 32600 + (int)((lon + 180) / 6) + 1,
            },
            ["links"] = new JsonArray(),
            ["assets"] = assets,
        };
    }
}
