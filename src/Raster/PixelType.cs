namespace Actors.Raster;

/// <summary>GDAL pixel data types (values are GDALDataType).</summary>
public enum PixelType
{
    /// <summary>GDT_Byte.</summary>
    Byte = 1,
    /// <summary>GDT_UInt16.</summary>
    UInt16 = 2,
    /// <summary>GDT_Int16.</summary>
    Int16 = 3,
    /// <summary>GDT_UInt32.</summary>
    UInt32 = 4,
    /// <summary>GDT_Int32.</summary>
    Int32 = 5,
    /// <summary>GDT_Float32.</summary>
    Float32 = 6,
    /// <summary>GDT_Float64.</summary>
    Float64 = 7,
}

/// <summary>Maps CLR element types to <see cref="PixelType"/>.</summary>
public static class PixelTypes
{
    /// <summary>The pixel type of a buffer of <typeparamref name="T"/>.</summary>
    public static PixelType Of<T>() where T : unmanaged => default(T) switch
    {
        byte => PixelType.Byte,
        ushort => PixelType.UInt16,
        short => PixelType.Int16,
        uint => PixelType.UInt32,
        int => PixelType.Int32,
        float => PixelType.Float32,
        double => PixelType.Float64,
        _ => throw new NotSupportedException($"No GDAL pixel type for {typeof(T).Name}."),
    };

    /// <summary>The STAC raster extension name of a pixel type.</summary>
    public static string StacName(this PixelType type) => type switch
    {
        PixelType.Byte => "uint8",
        PixelType.UInt16 => "uint16",
        PixelType.Int16 => "int16",
        PixelType.UInt32 => "uint32",
        PixelType.Int32 => "int32",
        PixelType.Float32 => "float32",
        _ => "float64",
    };
}
