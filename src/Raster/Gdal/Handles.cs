using Microsoft.Win32.SafeHandles;

namespace Actors.Raster.Gdal;

/// <summary>Owns a GDALDatasetH; closing it flushes pending writes.</summary>
internal sealed class DatasetHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle()
    {
        GdalNative.GDALClose(handle);
        return true;
    }
}

/// <summary>Owns an OGRSpatialReferenceH.</summary>
internal sealed class SpatialReferenceHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle()
    {
        GdalNative.OSRDestroySpatialReference(handle);
        return true;
    }
}

/// <summary>Owns an OGRCoordinateTransformationH.</summary>
internal sealed class CoordinateTransformationHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle()
    {
        GdalNative.OCTDestroyCoordinateTransformation(handle);
        return true;
    }
}
