namespace Actors.Raster.Cog;

/// <summary>Where a COG lies: a north-up geotransform and an EPSG code.</summary>
/// <param name="GeoTransform">GDAL geotransform; rotation terms must be 0.</param>
/// <param name="Epsg">EPSG code of the CRS.</param>
/// <param name="Geographic">True for a geographic (lon/lat) CRS, false for a projected one.</param>
public sealed record CogGeoreference(double[] GeoTransform, int Epsg, bool Geographic)
{
    /// <summary>The georeference of a dataset, or null when it has no EPSG code or is rotated (then GDAL's driver writes it).</summary>
    public static CogGeoreference? Of(string projectionWkt, double[] geoTransform)
    {
        if (geoTransform[2] != 0 || geoTransform[4] != 0 || string.IsNullOrWhiteSpace(projectionWkt)) return null;
        using var crs = SpatialReference.FromWkt(projectionWkt);
        return crs.Epsg is { } epsg ? new CogGeoreference(geoTransform, epsg, crs.IsGeographic) : null;
    }
}
