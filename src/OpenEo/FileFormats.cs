namespace Actors.OpenEo;

/// <summary>The file formats <c>save_result</c> writes (<c>GET /file_formats</c>); format names are case-insensitive.</summary>
public static class FileFormats
{
    /// <summary>GeoTIFF, written as a Cloud-Optimized GeoTIFF (float32, NaN nodata).</summary>
    public const string GTiff = "GTiff";

    /// <summary>An 8-bit PNG of one band (or three as RGB), scaled to the data's range.</summary>
    public const string Png = "PNG";

    /// <summary>The output formats.</summary>
    public static IReadOnlyList<string> Output { get; } = [GTiff, Png];

    /// <summary>The canonical name of an output format, or null when it is not one.</summary>
    public static string? Canonical(string name) => Output.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The media type of a format's files.</summary>
    public static string MediaType(string format) => format switch
    {
        GTiff => "image/tiff; application=geotiff; profile=cloud-optimized",
        Png => "image/png",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not an output format."),
    };
}
