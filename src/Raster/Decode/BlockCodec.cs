namespace Actors.Raster.Decode;

/// <summary>The TIFF compressions the direct block decode reads.</summary>
internal enum BlockCodec
{
    /// <summary>zlib-wrapped DEFLATE (TIFF 8 and 32946), through libdeflate.</summary>
    Deflate,

    /// <summary>Zstandard (TIFF 50000), through libzstd.</summary>
    Zstd,
}
