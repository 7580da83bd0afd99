namespace Actors.Raster;

/// <summary>Creation options for the Cloud-Optimized GeoTIFFs we write.</summary>
public static class CogOptions
{
    /// <summary>
    /// DEFLATE with a predictor, 512-px tiles, overviews, all cores compressing. <paramref name="resampling"/>
    /// picks how overviews are made: NEAREST for classes/masks, AVERAGE for continuous values.
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(PixelType type, string resampling) => new Dictionary<string, string>
    {
        ["COMPRESS"] = "DEFLATE",
        ["LEVEL"] = "6",
        ["PREDICTOR"] = type == PixelType.Byte ? "NO" : "YES",
        ["BLOCKSIZE"] = "512",
        ["NUM_THREADS"] = "ALL_CPUS",
        ["OVERVIEWS"] = "AUTO",
        ["RESAMPLING"] = resampling,
        ["BIGTIFF"] = "IF_SAFER",
    };

    /// <summary>gdal_translate arguments equivalent to <see cref="For"/>.</summary>
    public static IEnumerable<string> AsTranslateArguments(PixelType type, string resampling) =>
        For(type, resampling).SelectMany(kv => new[] { "-co", $"{kv.Key}={kv.Value}" });
}
