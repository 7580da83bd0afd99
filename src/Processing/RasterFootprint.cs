namespace Actors.Processing;

/// <summary>Where a raster lies: grid size, CRS and geotransform, and its WGS84 bounds.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Epsg">EPSG code of the CRS, when it has one.</param>
/// <param name="CrsWkt">The CRS as WKT.</param>
/// <param name="GeoTransform">GDAL geotransform (6 values).</param>
/// <param name="Wgs84Bounds">Bounds in WGS84 as <c>[w, s, e, n]</c>.</param>
public sealed record RasterFootprint(int Width, int Height, int? Epsg, string CrsWkt, double[] GeoTransform, double[] Wgs84Bounds)
{
    /// <summary>The STAC projection v2 <c>proj:transform</c> (first six affine coefficients, row-major).</summary>
    public double[] ProjTransform => [GeoTransform[1], GeoTransform[2], GeoTransform[0], GeoTransform[4], GeoTransform[5], GeoTransform[3]];
}
