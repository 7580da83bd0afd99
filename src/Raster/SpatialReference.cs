using System.Globalization;
using System.Runtime.InteropServices;
using Actors.Raster.Gdal;

namespace Actors.Raster;

/// <summary>A coordinate reference system, always with traditional GIS axis order (x = easting/longitude).</summary>
public sealed class SpatialReference : IDisposable
{
    private const int TraditionalGisOrder = 0;
    private readonly SpatialReferenceHandle _handle;

    private SpatialReference(SpatialReferenceHandle handle)
    {
        _handle = handle;
        GdalNative.OSRSetAxisMappingStrategy(handle, TraditionalGisOrder);
    }

    /// <summary>WGS84 longitude/latitude.</summary>
    public static SpatialReference Wgs84() => FromEpsg(4326);

    /// <summary>A CRS from an EPSG code.</summary>
    public static SpatialReference FromEpsg(int epsg)
    {
        GdalRuntime.EnsureInitialized();
        var handle = New(null);
        GdalRuntime.Check(GdalNative.OSRImportFromEPSG(handle, epsg) == 0 ? 0 : 3, $"Importing EPSG:{epsg}");
        return new SpatialReference(handle);
    }

    /// <summary>A CRS from WKT.</summary>
    public static SpatialReference FromWkt(string wkt)
    {
        GdalRuntime.EnsureInitialized();
        if (string.IsNullOrWhiteSpace(wkt)) throw new GdalException("The raster has no coordinate reference system.");
        return new SpatialReference(New(wkt));
    }

    private static SpatialReferenceHandle New(string? wkt)
    {
        GdalNative.CPLErrorReset();
        var raw = GdalNative.OSRNewSpatialReference(wkt);
        if (raw == IntPtr.Zero) throw GdalRuntime.LastError("Creating a spatial reference");
        var handle = new SpatialReferenceHandle();
        Marshal.InitHandle(handle, raw);
        return handle;
    }

    /// <summary>The EPSG code, when the CRS is (or is identified as) an EPSG one.</summary>
    public int? Epsg
    {
        get
        {
            GdalNative.OSRAutoIdentifyEPSG(_handle);
            var name = Marshal.PtrToStringUTF8(GdalNative.OSRGetAuthorityName(_handle, IntPtr.Zero));
            var code = Marshal.PtrToStringUTF8(GdalNative.OSRGetAuthorityCode(_handle, IntPtr.Zero));
            return name == "EPSG" && int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epsg) ? epsg : null;
        }
    }

    /// <summary>True for a geographic (lon/lat) CRS.</summary>
    public bool IsGeographic => GdalNative.OSRIsGeographic(_handle) != 0;

    /// <summary>The CRS as WKT.</summary>
    public string Wkt
    {
        get
        {
            GdalRuntime.Check(GdalNative.OSRExportToWkt(_handle, out var wkt) == 0 ? 0 : 3, "Exporting WKT");
            try { return Marshal.PtrToStringUTF8(wkt) ?? ""; }
            finally { GdalNative.VSIFree(wkt); }
        }
    }

    /// <summary>Transforms a box into <paramref name="target"/>, densifying the edges so curved edges are covered.</summary>
    public (double MinX, double MinY, double MaxX, double MaxY) TransformBounds(
        SpatialReference target, double minX, double minY, double maxX, double maxY)
    {
        GdalNative.CPLErrorReset();
        var raw = GdalNative.OCTNewCoordinateTransformation(_handle, target._handle);
        if (raw == IntPtr.Zero) throw GdalRuntime.LastError("Creating a coordinate transformation");
        using var transformation = new CoordinateTransformationHandle();
        Marshal.InitHandle(transformation, raw);
        if (GdalNative.OCTTransformBounds(transformation, minX, minY, maxX, maxY,
                out var x0, out var y0, out var x1, out var y1, 21) == 0)
            throw GdalRuntime.LastError("Transforming bounds");
        return (x0, y0, x1, y1);
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
