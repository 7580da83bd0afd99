using Actors.OpenEo.Cubes;
using Actors.Raster;
using Actors.Raster.Cog;

namespace Actors.OpenEo.Results;

/// <summary>
/// Writes cube planes as a float32 Cloud-Optimized GeoTIFF with NaN nodata: one band through the
/// project's streaming COG writer (tiles compressed on all cores), several bands through GDAL's COG driver.
/// </summary>
internal static class GeoTiffResultWriter
{
    /// <summary>Writes <paramref name="planes"/> (one per band) on <paramref name="grid"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, CubeGrid grid, IReadOnlyList<float[]> planes, CancellationToken cancellationToken)
    {
        var georeference = new CogGeoreference(grid.GeoTransform, grid.Epsg, IsGeographic(grid));
        if (planes.Count == 1)
        {
            using var writer = CogWriter.ForContinuous(path, grid.Width, grid.Height, georeference, float.NaN);
            var tile = CogWriter<float>.TileSize;
            var strips = (grid.Height + tile - 1) / tile;
            StripWorkers.Run(strips, () => 0, (s, _) =>
            {
                var row = s * tile;
                var rows = Math.Min(tile, grid.Height - row);
                writer.WriteStrip(row, rows, planes[0].AsSpan(row * grid.Width, rows * grid.Width));
            }, _ => { }, cancellationToken);
            writer.Complete();
            return;
        }
        using var memory = RasterDataset.CreateInMemory(grid.Width, grid.Height, planes.Count, PixelType.Float32);
        memory.GeoTransform = grid.GeoTransform;
        memory.ProjectionWkt = grid.Wkt;
        for (var b = 0; b < planes.Count; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            memory.SetNoData(double.NaN, b + 1);
            memory.Write<float>(b + 1, 0, 0, grid.Width, grid.Height, planes[b]);
        }
        cancellationToken.ThrowIfCancellationRequested();
        // Written aside and renamed, so a failed write never leaves a file that looks like a result.
        var partial = path + ".partial.tif";
        try
        {
            memory.CopyTo("COG", partial, new Dictionary<string, string>
            {
                ["COMPRESS"] = "ZSTD",
                ["PREDICTOR"] = "YES",
                ["BLOCKSIZE"] = "512",
                ["NUM_THREADS"] = "ALL_CPUS",
                ["OVERVIEWS"] = "AUTO",
                ["RESAMPLING"] = "AVERAGE",
                ["BIGTIFF"] = "IF_SAFER",
            });
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static bool IsGeographic(CubeGrid grid)
    {
        using var crs = SpatialReference.FromWkt(grid.Wkt);
        return crs.IsGeographic;
    }
}
