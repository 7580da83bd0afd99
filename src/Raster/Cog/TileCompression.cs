namespace Actors.Raster.Cog;

/// <summary>The codec of COG tiles; both are TIFF compressions GDAL's COG driver reads.</summary>
public enum TileCodec
{
    /// <summary>TIFF compression 8 (zlib), read by every TIFF reader.</summary>
    Deflate,

    /// <summary>TIFF compression 50000 (Zstandard), read by GDAL builds with libzstd (Debian's, conda's, rasterio's wheels).</summary>
    Zstd,
}

/// <summary>The TIFF predictor applied to each tile row before compression.</summary>
public enum TilePredictor
{
    /// <summary>No predictor (TIFF 1).</summary>
    None = 1,

    /// <summary>Horizontal differencing (TIFF 2): each value minus its left neighbour; for 16-bit integers here.</summary>
    Horizontal = 2,

    /// <summary>Floating-point predictor (TIFF 3): bytes of each row split into planes, then differenced.</summary>
    FloatingPoint = 3,
}

/// <summary>How tiles are compressed: codec, its level and the predictor.</summary>
public sealed record TileCompression(TileCodec Codec, int Level, TilePredictor Predictor)
{
    /// <summary>The TIFF Compression tag value.</summary>
    internal ushort TiffCompression => Codec == TileCodec.Deflate ? (ushort)8 : (ushort)50000;
}
