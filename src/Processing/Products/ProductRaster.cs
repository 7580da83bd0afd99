using Actors.Raster;

namespace Actors.Processing.Products;

/// <summary>What processors share: opening inputs with user-facing errors, and describing outputs.</summary>
internal static class ProductRaster
{
    /// <summary>The band paths in <paramref name="names"/> order, or a <see cref="ProcessingException"/> naming what is missing.</summary>
    public static string[] RequireBands(ProductInput input, IReadOnlyList<string> names, string product)
    {
        var missing = names.Where(n => !input.BandFiles.ContainsKey(n)).ToArray();
        if (missing.Length > 0)
            throw new ProcessingException(
                $"{product} needs band(s) {string.Join(", ", missing)} but only {(input.BandFiles.Count == 0 ? "none" : string.Join(", ", input.BandFiles.Keys.Order()))} are available.");
        return names.Select(n => input.BandFiles[n]).ToArray();
    }

    /// <summary>A reader over the bands, turning GDAL failures into messages that name the file.</summary>
    public static ParallelBandReader OpenReader(IReadOnlyList<string> paths, IReadOnlyList<string> names)
    {
        for (var i = 0; i < paths.Count; i++)
        {
            try
            {
                using var probe = RasterDataset.Open(paths[i]);
                if (probe.DataType() != PixelType.UInt16)
                    throw new ProcessingException($"Band {names[i]} ('{paths[i]}') is {probe.DataType()}, expected UInt16 reflectances.");
            }
            catch (Raster.Gdal.GdalException e)
            {
                throw new ProcessingException($"Cannot read band {names[i]} from '{paths[i]}': {e.Message}", e);
            }
        }
        try
        {
            return new ParallelBandReader(paths);
        }
        catch (InvalidOperationException e)
        {
            throw new ProcessingException(e.Message, e);
        }
    }

    /// <summary>Where the output COG lies: the inputs' grid, which must be north-up with an EPSG-coded CRS.</summary>
    public static Raster.Cog.CogGeoreference Georeference(ParallelBandReader reader) =>
        Raster.Cog.CogGeoreference.Of(reader.ProjectionWkt, reader.GeoTransform)
        ?? throw new ProcessingException("The scene's CRS has no EPSG code (or the grid is rotated); only EPSG-coded north-up grids are supported.");

    /// <summary>The footprint of a raster on disk.</summary>
    public static RasterFootprint Footprint(string path)
    {
        using var dataset = RasterDataset.Open(path);
        return Footprints.Of(dataset);
    }
}
