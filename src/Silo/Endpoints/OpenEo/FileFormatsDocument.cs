using System.Text.Json.Nodes;
using Actors.OpenEo;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary><c>GET /file_formats</c>: the formats <c>load_collection</c> reads and <c>save_result</c> writes (<see cref="FileFormats"/>).</summary>
public static class FileFormatsDocument
{
    /// <summary>The document.</summary>
    public static JsonObject Create() => new()
    {
        ["input"] = new JsonObject
        {
            [FileFormats.GTiff] = Format("GeoTIFF",
                "The catalog's rasters: Cloud-Optimized GeoTIFFs, one band per asset, read by load_collection.", [], "https://gdal.org/drivers/raster/gtiff.html"),
        },
        ["output"] = new JsonObject
        {
            [FileFormats.GTiff] = Format("Cloud-Optimized GeoTIFF",
                "One file per result, float32 with NaN as nodata, tiled with overviews (a COG); the bands of the cube become the file's bands. "
                + "A cube that keeps a time dimension is written one file per time step.", [], "https://gdal.org/drivers/raster/cog.html"),
            [FileFormats.Png] = Format("PNG",
                "An 8-bit image of one band (grey) or three (RGB), each scaled linearly from the data's minimum and maximum to 0..255; nodata transparent.", [], "https://gdal.org/drivers/raster/png.html"),
        },
    };

    private static JsonObject Format(string title, string description, JsonObject parameters, string about) => new()
    {
        ["title"] = title,
        ["description"] = description,
        ["gis_data_types"] = new JsonArray("raster"),
        ["parameters"] = parameters,
        ["links"] = new JsonArray(CapabilitiesDocument.Link("about", about, "text/html", $"GDAL on {title}")),
    };
}
