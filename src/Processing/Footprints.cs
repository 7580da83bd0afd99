using Actors.Raster;

namespace Actors.Processing;

/// <summary>Builds <see cref="RasterFootprint"/>s from datasets.</summary>
public static class Footprints
{
    /// <summary>The footprint of an open dataset: grid, CRS and WGS84 bounds.</summary>
    public static RasterFootprint Of(RasterDataset dataset)
    {
        var transform = dataset.GeoTransform;
        using var crs = dataset.SpatialReference();
        using var wgs84 = SpatialReference.Wgs84();
        var x0 = transform[0];
        var y0 = transform[3];
        var x1 = x0 + dataset.Width * transform[1] + dataset.Height * transform[2];
        var y1 = y0 + dataset.Width * transform[4] + dataset.Height * transform[5];
        var (w, s, e, n) = crs.TransformBounds(wgs84, Math.Min(x0, x1), Math.Min(y0, y1), Math.Max(x0, x1), Math.Max(y0, y1));
        return new RasterFootprint(dataset.Width, dataset.Height, crs.Epsg, crs.Wkt, transform, [w, s, e, n]);
    }
}
