using System.Runtime.InteropServices;

namespace Actors.Raster.Gdal;

/// <summary>The raw GDAL 3.6 C API entry points this project uses. Nothing here is public: the typed API wraps it.</summary>
internal static partial class GdalNative
{
    private const string Lib = "gdal";
    private const string SoName = "libgdal.so.32";

    // Debian ships only the versioned soname (no libgdal.so without -dev): map the import name to it.
    // A static constructor runs before the first P/Invoke of this class, so the resolver is always in place.
    static GdalNative() =>
        NativeLibrary.SetDllImportResolver(typeof(GdalNative).Assembly, (name, assembly, path) =>
            name == Lib ? NativeLibrary.Load(SoName, assembly, path) : IntPtr.Zero);

    [LibraryImport(Lib)] internal static partial void GDALAllRegister();
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial void CPLSetConfigOption(string key, string? value);
    [LibraryImport(Lib)] internal static partial void CPLErrorReset();
    [LibraryImport(Lib)] internal static partial IntPtr CPLGetLastErrorMsg();
    [LibraryImport(Lib)] internal static partial int CPLGetLastErrorNo();
    [LibraryImport(Lib)] internal static partial IntPtr CPLSetErrorHandler(IntPtr handler);
    [LibraryImport(Lib)] internal static partial void VSIFree(IntPtr pointer);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr GDALOpenEx(string name, uint flags, IntPtr allowedDrivers, IntPtr openOptions, IntPtr siblingFiles);
    [LibraryImport(Lib)] internal static partial void GDALClose(IntPtr dataset);
    [LibraryImport(Lib)] internal static partial int GDALGetRasterXSize(DatasetHandle dataset);
    [LibraryImport(Lib)] internal static partial int GDALGetRasterYSize(DatasetHandle dataset);
    [LibraryImport(Lib)] internal static partial int GDALGetRasterCount(DatasetHandle dataset);
    [LibraryImport(Lib)] internal static partial IntPtr GDALGetRasterBand(DatasetHandle dataset, int band);
    [LibraryImport(Lib)] internal static partial int GDALGetGeoTransform(DatasetHandle dataset, Span<double> transform);
    [LibraryImport(Lib)] internal static partial int GDALSetGeoTransform(DatasetHandle dataset, ReadOnlySpan<double> transform);
    [LibraryImport(Lib)] internal static partial IntPtr GDALGetProjectionRef(DatasetHandle dataset);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int GDALSetProjection(DatasetHandle dataset, string wkt);
    [LibraryImport(Lib)] internal static partial void GDALFlushCache(DatasetHandle dataset);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr GDALGetMetadataItem(DatasetHandle dataset, string name, string? domain);
    [LibraryImport(Lib, EntryPoint = "GDALGetMetadataItem", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr GDALGetBandMetadataItem(IntPtr band, string name, string? domain);

    [LibraryImport(Lib)] internal static partial int GDALGetRasterDataType(IntPtr band);
    [LibraryImport(Lib)] internal static partial double GDALGetRasterNoDataValue(IntPtr band, out int success);
    [LibraryImport(Lib)] internal static partial int GDALSetRasterNoDataValue(IntPtr band, double value);
    [LibraryImport(Lib)] internal static partial double GDALGetRasterScale(IntPtr band, out int success);
    [LibraryImport(Lib)] internal static partial double GDALGetRasterOffset(IntPtr band, out int success);
    [LibraryImport(Lib)] internal static partial void GDALGetBlockSize(IntPtr band, out int x, out int y);
    [LibraryImport(Lib)] internal static partial int GDALGetOverviewCount(IntPtr band);
    [LibraryImport(Lib)] internal static partial int GDALSetRasterColorInterpretation(IntPtr band, int interpretation);

    [LibraryImport(Lib)]
    internal static unsafe partial int GDALRasterIO(
        IntPtr band, int rwFlag, int xOff, int yOff, int xSize, int ySize, void* buffer, int bufXSize, int bufYSize,
        int bufType, int pixelSpace, int lineSpace);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr GDALGetDriverByName(string name);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr GDALCreate(IntPtr driver, string fileName, int xSize, int ySize, int bands, int type, IntPtr options);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr GDALCreateCopy(IntPtr driver, string fileName, DatasetHandle source, int strict, IntPtr options, IntPtr progress, IntPtr progressData);

    [LibraryImport(Lib)] internal static partial IntPtr GDALTranslateOptionsNew(IntPtr argv, IntPtr binaryOptions);
    [LibraryImport(Lib)] internal static partial void GDALTranslateOptionsFree(IntPtr options);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr GDALTranslate(string destination, DatasetHandle source, IntPtr options, out int usageError);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr OSRNewSpatialReference(string? wkt);
    [LibraryImport(Lib)] internal static partial void OSRDestroySpatialReference(IntPtr srs);
    [LibraryImport(Lib)] internal static partial int OSRImportFromEPSG(SpatialReferenceHandle srs, int epsg);
    [LibraryImport(Lib)] internal static partial void OSRSetAxisMappingStrategy(SpatialReferenceHandle srs, int strategy);
    [LibraryImport(Lib)] internal static partial int OSRAutoIdentifyEPSG(SpatialReferenceHandle srs);
    [LibraryImport(Lib)] internal static partial int OSRIsGeographic(SpatialReferenceHandle srs);
    [LibraryImport(Lib)] internal static partial IntPtr OSRGetAuthorityName(SpatialReferenceHandle srs, IntPtr targetKey);
    [LibraryImport(Lib)] internal static partial IntPtr OSRGetAuthorityCode(SpatialReferenceHandle srs, IntPtr targetKey);
    [LibraryImport(Lib)] internal static partial int OSRExportToWkt(SpatialReferenceHandle srs, out IntPtr wkt);

    [LibraryImport(Lib)] internal static partial IntPtr OCTNewCoordinateTransformation(SpatialReferenceHandle source, SpatialReferenceHandle target);
    [LibraryImport(Lib)] internal static partial void OCTDestroyCoordinateTransformation(IntPtr transformation);
    [LibraryImport(Lib)]
    internal static partial int OCTTransformBounds(
        CoordinateTransformationHandle transformation, double xMin, double yMin, double xMax, double yMax,
        out double outXMin, out double outYMin, out double outXMax, out double outYMax, int densifyPoints);
}
