using Actors.Raster;

namespace Actors.OpenEo.Cubes;

/// <summary>The spatial grid every plane of a cube shares: a north-up geotransform in an EPSG-coded CRS.</summary>
/// <param name="Epsg">EPSG code of the CRS.</param>
/// <param name="Wkt">The CRS as WKT.</param>
/// <param name="GeoTransform">GDAL geotransform (no rotation).</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public sealed record CubeGrid(int Epsg, string Wkt, double[] GeoTransform, int Width, int Height)
{
    /// <summary>Pixels per plane.</summary>
    public int Pixels => Width * Height;

    /// <summary>West, south, east, north in the grid's CRS.</summary>
    public (double MinX, double MinY, double MaxX, double MaxY) Bounds
    {
        get
        {
            var t = GeoTransform;
            var x1 = t[0] + Width * t[1];
            var y1 = t[3] + Height * t[5];
            return (Math.Min(t[0], x1), Math.Min(t[3], y1), Math.Max(t[0], x1), Math.Max(t[3], y1));
        }
    }

    /// <summary>The grid's bounds in WGS 84 degrees (west, south, east, north).</summary>
    public double[] Wgs84Bounds()
    {
        var (x0, y0, x1, y1) = Bounds;
        using var crs = SpatialReference.FromWkt(Wkt);
        using var wgs84 = SpatialReference.Wgs84();
        var (w, s, e, n) = crs.TransformBounds(wgs84, x0, y0, x1, y1);
        return [w, s, e, n];
    }

    /// <summary>True when <paramref name="other"/> is the same grid (same CRS, transform and size).</summary>
    public bool SameAs(CubeGrid other) =>
        Epsg == other.Epsg && Width == other.Width && Height == other.Height
        && GeoTransform.Zip(other.GeoTransform).All(p => Math.Abs(p.First - p.Second) <= 1e-9 * Math.Max(1, Math.Abs(p.First)));

    /// <summary>
    /// The part of this grid that a box (in the grid's CRS) touches, snapped outwards to whole pixels and
    /// clipped to the grid; null when they do not overlap.
    /// </summary>
    public RasterWindow? WindowOf(double minX, double minY, double maxX, double maxY)
    {
        var t = GeoTransform;
        var c0 = (minX - t[0]) / t[1];
        var c1 = (maxX - t[0]) / t[1];
        var r0 = (maxY - t[3]) / t[5];
        var r1 = (minY - t[3]) / t[5];
        // A box edge within a thousandth of a pixel of a pixel edge is on it (transformed bounds carry rounding).
        var x0 = Math.Max(0, (int)Math.Floor(Math.Min(c0, c1) + 1e-3));
        var x1 = Math.Min(Width, (int)Math.Ceiling(Math.Max(c0, c1) - 1e-3));
        var y0 = Math.Max(0, (int)Math.Floor(Math.Min(r0, r1) + 1e-3));
        var y1 = Math.Min(Height, (int)Math.Ceiling(Math.Max(r0, r1) - 1e-3));
        return x1 <= x0 || y1 <= y0 ? null : new RasterWindow(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>The grid of a window of this grid.</summary>
    public CubeGrid Crop(RasterWindow window)
    {
        var t = GeoTransform;
        return this with
        {
            GeoTransform = [t[0] + window.X * t[1], t[1], 0, t[3] + window.Y * t[5], 0, t[5]],
            Width = window.Width,
            Height = window.Height,
        };
    }
}
