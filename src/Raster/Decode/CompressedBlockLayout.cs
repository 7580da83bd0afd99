using System.Globalization;

namespace Actors.Raster.Decode;

/// <summary>
/// Where the compressed blocks of a local, DEFLATE- or Zstandard-compressed, single-band uint16
/// GeoTIFF are (as GDAL's TIFF driver reports them), so they can be decompressed straight into a strip
/// buffer: every core decoding its own blocks, with no block cache, no copies and no locks in between.
/// That is the layout of Sentinel-2 L2A COGs (DEFLATE) and of the bands the activator stages
/// (Zstandard). Anything else is left to GDAL.
/// </summary>
internal sealed record CompressedBlockLayout(
    string Path, BlockCodec Codec, int Width, int Height, int BlockWidth, int BlockHeight, bool HorizontalPredictor, long[] Offsets, int[] Lengths)
{
    /// <summary>Blocks per row.</summary>
    public int BlocksAcross => (Width + BlockWidth - 1) / BlockWidth;

    /// <summary>The layout of band 1 of <paramref name="dataset"/> (opened from <paramref name="path"/>), or null when it does not qualify.</summary>
    public static CompressedBlockLayout? Probe(RasterDataset dataset, string path)
    {
        if (!File.Exists(path) || !IsLittleEndianTiff(path)) return null;
        if (dataset.BandCount != 1 || dataset.DataType() != PixelType.UInt16) return null;
        BlockCodec codec;
        switch (dataset.MetadataItem("COMPRESSION", "IMAGE_STRUCTURE"))
        {
            case "DEFLATE" when DeflateDecompressor.IsAvailable: codec = BlockCodec.Deflate; break;
            case "ZSTD" when Native.LibZstd.IsAvailable: codec = BlockCodec.Zstd; break;
            default: return null;
        }
        var predictor = dataset.MetadataItem("PREDICTOR", "IMAGE_STRUCTURE") ?? "1";
        if (predictor is not ("1" or "2")) return null;

        var (blockWidth, blockHeight) = dataset.BlockSize();
        var across = (dataset.Width + blockWidth - 1) / blockWidth;
        var down = (dataset.Height + blockHeight - 1) / blockHeight;
        var offsets = new long[across * down];
        var lengths = new int[across * down];
        var fileLength = new FileInfo(path).Length;
        for (var y = 0; y < down; y++)
        for (var x = 0; x < across; x++)
        {
            // A missing block (a sparse file) or one outside the file is GDAL's business.
            if (!long.TryParse(dataset.BandMetadataItem($"BLOCK_OFFSET_{x}_{y}", "TIFF"), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                || !int.TryParse(dataset.BandMetadataItem($"BLOCK_SIZE_{x}_{y}", "TIFF"), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || offset <= 0 || length <= 0 || offset + length > fileLength)
                return null;
            offsets[y * across + x] = offset;
            lengths[y * across + x] = length;
        }
        return new CompressedBlockLayout(path, codec, dataset.Width, dataset.Height, blockWidth, blockHeight, predictor == "2", offsets, lengths);
    }

    private static bool IsLittleEndianTiff(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenHandle(path);
        return RandomAccess.Read(file, head, 0) == 4 && head[0] == (byte)'I' && head[1] == (byte)'I' && head[2] is 42 or 43 && head[3] == 0;
    }
}
