using System.Runtime.InteropServices;
using Actors.Raster.Gdal;

namespace Actors.Raster;

/// <summary>
/// A GDAL dataset. Not thread-safe (GDAL handles are not): parallel readers open one instance each.
/// </summary>
public sealed class RasterDataset : IDisposable
{
    private const uint OpenRaster = 0x02;
    private const uint OpenVerboseError = 0x40;
    private const uint OpenUpdate = 0x01;
    private readonly DatasetHandle _handle;

    private RasterDataset(DatasetHandle handle, string name)
    {
        _handle = handle;
        Name = name;
    }

    /// <summary>The name the dataset was opened or created with.</summary>
    public string Name { get; }

    /// <summary>Columns.</summary>
    public int Width => GdalNative.GDALGetRasterXSize(_handle);

    /// <summary>Rows.</summary>
    public int Height => GdalNative.GDALGetRasterYSize(_handle);

    /// <summary>Number of bands.</summary>
    public int BandCount => GdalNative.GDALGetRasterCount(_handle);

    /// <summary>
    /// Opens a raster read-only: a local path or any GDAL name (/vsis3/..., /vsicurl/...). With
    /// <paramref name="allowedDrivers"/>, only those drivers may claim the file: a VRT or similar format found where
    /// a GeoTIFF was expected would make GDAL read the files and URLs it names.
    /// </summary>
    /// <exception cref="GdalException">It cannot be opened; the message carries GDAL's reason.</exception>
    public static RasterDataset Open(string name, bool update = false, IReadOnlyList<string>? allowedDrivers = null)
    {
        GdalRuntime.EnsureInitialized();
        GdalNative.CPLErrorReset();
        using var drivers = allowedDrivers is null ? null : new StringList(allowedDrivers);
        var raw = GdalNative.GDALOpenEx(name, OpenRaster | OpenVerboseError | (update ? OpenUpdate : 0), drivers?.Pointer ?? IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
        if (raw == IntPtr.Zero) throw GdalRuntime.LastError($"Opening '{name}'");
        return Wrap(raw, name);
    }

    /// <summary>Creates a dataset with a driver (e.g. GTiff, MEM) and creation options.</summary>
    public static RasterDataset Create(
        string driver, string name, int width, int height, int bands, PixelType type,
        IReadOnlyDictionary<string, string>? options = null)
    {
        var driverHandle = Driver(driver);
        using var list = StringList.FromOptions(options);
        GdalNative.CPLErrorReset();
        var raw = GdalNative.GDALCreate(driverHandle, name, width, height, bands, (int)type, list.Pointer);
        if (raw == IntPtr.Zero) throw GdalRuntime.LastError($"Creating '{name}' with {driver}");
        return Wrap(raw, name);
    }

    /// <summary>
    /// A single-band MEM dataset over memory we own (no copy). The memory must stay pinned and alive
    /// for the dataset's lifetime.
    /// </summary>
    public static RasterDataset WrapMemory(IntPtr data, int width, int height, PixelType type)
    {
        var name = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"MEM:::DATAPOINTER=0x{data.ToInt64():x},PIXELS={width},LINES={height},BANDS=1,DATATYPE={GdalTypeName(type)}");
        return Open(name, update: true);
    }

    private static string GdalTypeName(PixelType type) => type switch
    {
        PixelType.Byte => "Byte",
        PixelType.UInt16 => "UInt16",
        PixelType.Int16 => "Int16",
        PixelType.UInt32 => "UInt32",
        PixelType.Int32 => "Int32",
        PixelType.Float32 => "Float32",
        _ => "Float64",
    };

    /// <summary>An in-memory dataset (GDAL MEM driver).</summary>
    public static RasterDataset CreateInMemory(int width, int height, int bands, PixelType type) =>
        Create("MEM", "", width, height, bands, type);

    private static IntPtr Driver(string name)
    {
        GdalRuntime.EnsureInitialized();
        var driver = GdalNative.GDALGetDriverByName(name);
        return driver == IntPtr.Zero ? throw new GdalException($"GDAL has no '{name}' driver.") : driver;
    }

    private static RasterDataset Wrap(IntPtr raw, string name)
    {
        var handle = new DatasetHandle();
        Marshal.InitHandle(handle, raw);
        return new RasterDataset(handle, name);
    }

    /// <summary>The six-value GDAL geotransform.</summary>
    public double[] GeoTransform
    {
        get
        {
            var transform = new double[6];
            GdalRuntime.Check(GdalNative.GDALGetGeoTransform(_handle, transform), $"Reading the geotransform of '{Name}'");
            return transform;
        }
        set => GdalRuntime.Check(GdalNative.GDALSetGeoTransform(_handle, value), $"Setting the geotransform of '{Name}'");
    }

    /// <summary>The CRS as WKT ("" when none).</summary>
    public string ProjectionWkt
    {
        get => Marshal.PtrToStringUTF8(GdalNative.GDALGetProjectionRef(_handle)) ?? "";
        set => GdalRuntime.Check(GdalNative.GDALSetProjection(_handle, value), $"Setting the projection of '{Name}'");
    }

    /// <summary>A metadata item of the dataset, or null.</summary>
    public string? MetadataItem(string name, string? domain = null) =>
        Marshal.PtrToStringUTF8(GdalNative.GDALGetMetadataItem(_handle, name, domain));

    /// <summary>A metadata item of a band, or null (e.g. <c>BLOCK_OFFSET_0_0</c> in the <c>TIFF</c> domain).</summary>
    public string? BandMetadataItem(string name, string? domain = null, int band = 1) =>
        Marshal.PtrToStringUTF8(GdalNative.GDALGetBandMetadataItem(Band(band), name, domain));

    /// <summary>True when the file is laid out as a Cloud-Optimized GeoTIFF (GDAL reports LAYOUT=COG).</summary>
    public bool IsCloudOptimized => MetadataItem("LAYOUT", "IMAGE_STRUCTURE") == "COG";

    /// <summary>The CRS.</summary>
    public SpatialReference SpatialReference() => Raster.SpatialReference.FromWkt(ProjectionWkt);

    /// <summary>Pixel type of a band (1-based).</summary>
    public PixelType DataType(int band = 1) => (PixelType)GdalNative.GDALGetRasterDataType(Band(band));

    /// <summary>Nodata value of a band, if set.</summary>
    public double? NoData(int band = 1)
    {
        var value = GdalNative.GDALGetRasterNoDataValue(Band(band), out var success);
        return success != 0 ? value : null;
    }

    /// <summary>Scale of a band's values (value = stored × scale + offset); 1 when unset.</summary>
    public double Scale(int band = 1) => GdalNative.GDALGetRasterScale(Band(band), out _);

    /// <summary>Offset of a band's values; 0 when unset.</summary>
    public double Offset(int band = 1) => GdalNative.GDALGetRasterOffset(Band(band), out _);

    /// <summary>Sets the nodata value of a band.</summary>
    public void SetNoData(double value, int band = 1) =>
        GdalRuntime.Check(GdalNative.GDALSetRasterNoDataValue(Band(band), value), $"Setting nodata of '{Name}'");

    /// <summary>Natural block size of a band (tile or strip).</summary>
    public (int Width, int Height) BlockSize(int band = 1)
    {
        GdalNative.GDALGetBlockSize(Band(band), out var x, out var y);
        return (x, y);
    }

    /// <summary>Number of overviews of a band.</summary>
    public int OverviewCount(int band = 1) => GdalNative.GDALGetOverviewCount(Band(band));

    /// <summary>Marks a band's colour interpretation (GDALColorInterp), e.g. for RGBA PNGs.</summary>
    public void SetColorInterpretation(int band, int interpretation) =>
        GdalRuntime.Check(GdalNative.GDALSetRasterColorInterpretation(Band(band), interpretation), "Setting colour interpretation");

    /// <summary>Reads a window of a band at full resolution into <paramref name="buffer"/> (row-major, width x height).</summary>
    public void Read<T>(int band, int x, int y, int width, int height, Span<T> buffer) where T : unmanaged =>
        ReadResampled(band, x, y, width, height, buffer, width, height);

    /// <summary>Reads a window of a band into a buffer of another size (GDAL picks overviews and resamples).</summary>
    public unsafe void ReadResampled<T>(int band, int x, int y, int width, int height, Span<T> buffer, int bufferWidth, int bufferHeight)
        where T : unmanaged
    {
        if (buffer.Length < (long)bufferWidth * bufferHeight)
            throw new ArgumentException($"Buffer holds {buffer.Length} values, {bufferWidth}x{bufferHeight} needed.", nameof(buffer));
        fixed (T* pointer = buffer)
        {
            GdalNative.CPLErrorReset();
            GdalRuntime.Check(
                GdalNative.GDALRasterIO(Band(band), 0, x, y, width, height, pointer, bufferWidth, bufferHeight, (int)PixelTypes.Of<T>(), 0, 0),
                $"Reading band {band} of '{Name}' at {x},{y} ({width}x{height})");
        }
    }

    /// <summary>Writes a window of a band from <paramref name="buffer"/> (row-major, width x height).</summary>
    public unsafe void Write<T>(int band, int x, int y, int width, int height, ReadOnlySpan<T> buffer) where T : unmanaged
    {
        if (buffer.Length < (long)width * height)
            throw new ArgumentException($"Buffer holds {buffer.Length} values, {width}x{height} needed.", nameof(buffer));
        fixed (T* pointer = buffer)
        {
            GdalNative.CPLErrorReset();
            GdalRuntime.Check(
                GdalNative.GDALRasterIO(Band(band), 1, x, y, width, height, pointer, width, height, (int)PixelTypes.Of<T>(), 0, 0),
                $"Writing band {band} of '{Name}' at {x},{y} ({width}x{height})");
        }
    }

    /// <summary>Copies this dataset to a new file with a driver (e.g. COG, PNG) and creation options.</summary>
    public void CopyTo(string driver, string path, IReadOnlyDictionary<string, string>? options = null)
    {
        var driverHandle = Driver(driver);
        using var list = StringList.FromOptions(options);
        GdalNative.CPLErrorReset();
        var raw = GdalNative.GDALCreateCopy(driverHandle, path, _handle, 0, list.Pointer, IntPtr.Zero, IntPtr.Zero);
        if (raw == IntPtr.Zero) throw GdalRuntime.LastError($"Writing '{path}' with {driver}");
        GdalNative.GDALClose(raw);
    }

    /// <summary>Runs gdal_translate (the library function) on this dataset with command-line style arguments.</summary>
    public void Translate(string destination, IReadOnlyList<string> arguments)
    {
        using var argv = new StringList(arguments);
        GdalNative.CPLErrorReset();
        var options = GdalNative.GDALTranslateOptionsNew(argv.Pointer, IntPtr.Zero);
        if (options == IntPtr.Zero) throw GdalRuntime.LastError($"Parsing translate options {string.Join(' ', arguments)}");
        try
        {
            var raw = GdalNative.GDALTranslate(destination, _handle, options, out _);
            if (raw == IntPtr.Zero) throw GdalRuntime.LastError($"Translating '{Name}' to '{destination}'");
            GdalNative.GDALClose(raw);
        }
        finally
        {
            GdalNative.GDALTranslateOptionsFree(options);
        }
    }

    /// <summary>Writes cached blocks out.</summary>
    public void Flush() => GdalNative.GDALFlushCache(_handle);

    private IntPtr Band(int band)
    {
        var handle = GdalNative.GDALGetRasterBand(_handle, band);
        return handle == IntPtr.Zero ? throw new GdalException($"'{Name}' has no band {band}.") : handle;
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
