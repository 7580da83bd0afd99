using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Actors.Raster.Cog;

/// <summary>
/// One thread's tile compressor: cuts a tile out of a raster region (padding edges with nodata),
/// applies the predictor and compresses, reusing its buffers and codec context for every tile.
/// </summary>
internal sealed class TileEncoder<T> : IDisposable where T : unmanaged
{
    private const int Size = CogWriter<T>.TileSize;
    private readonly TileCompression _compression;
    private readonly T[] _raw = new T[Size * Size];
    private readonly T[] _row = new T[Size];
    private readonly byte[] _planes;
    private readonly ZstdCompressor? _zstd;
    private readonly MemoryStream? _deflated;

    public TileEncoder(TileCompression compression)
    {
        _compression = compression;
        if (compression.Predictor == TilePredictor.FloatingPoint && typeof(T) != typeof(float))
            throw new NotSupportedException("The floating-point predictor applies to float32 tiles only.");
        if (compression.Predictor == TilePredictor.Horizontal && Marshal.SizeOf<T>() != 2)
            throw new NotSupportedException("The horizontal predictor is implemented for 16-bit tiles only.");
        _planes = compression.Predictor == TilePredictor.FloatingPoint ? new byte[Size * 4] : [];
        if (compression.Codec == TileCodec.Zstd) _zstd = new ZstdCompressor(compression.Level);
        else _deflated = new MemoryStream();
    }

    private static int RawBytes => Size * Size * Marshal.SizeOf<T>();

    /// <summary>The most bytes one compressed tile can take.</summary>
    public int Bound => _zstd is not null ? ZstdCompressor.Bound(RawBytes) : RawBytes + (RawBytes >> 2) + 1024; // zlib-ng level 1 uses static Huffman codes: up to 9 bits a byte

    /// <summary>
    /// Compresses the tile whose top-left pixel is <paramref name="source"/>[0] in a raster of
    /// <paramref name="stride"/> columns, of which <paramref name="columns"/> × <paramref name="rows"/> exist,
    /// into <paramref name="destination"/> (at least <see cref="Bound"/> long); returns the length.
    /// </summary>
    // Runs a few hundred times per raster: unoptimized tier-0 code would crawl through the pixels until on-stack replacement.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Encode(ReadOnlySpan<T> source, int stride, int columns, int rows, T fill, Span<byte> destination)
    {
        var raw = MemoryMarshal.AsBytes(_raw.AsSpan());
        var rowBytes = Size * Marshal.SizeOf<T>();
        for (var r = 0; r < Size; r++)
        {
            ReadOnlySpan<T> row;
            if (r < rows && columns == Size) row = source.Slice(r * stride, Size);
            else
            {
                if (r < rows) source.Slice(r * stride, columns).CopyTo(_row);
                _row.AsSpan(r < rows ? columns : 0).Fill(fill);
                row = _row;
            }
            if (_compression.Predictor == TilePredictor.FloatingPoint)
                FloatingPointPredictor.Encode(MemoryMarshal.Cast<T, float>(row), _planes, raw.Slice(r * rowBytes, rowBytes));
            else if (_compression.Predictor == TilePredictor.Horizontal)
                HorizontalPredictor.Encode(row, _raw.AsSpan(r * Size, Size));
            else
                row.CopyTo(_raw.AsSpan(r * Size, Size));
        }
        if (_zstd is not null) return _zstd.Compress(raw, destination);

        _deflated!.SetLength(0);
        using (var zlib = new ZLibStream(_deflated, DeflateLevel(_compression.Level), leaveOpen: true))
            zlib.Write(raw);
        var length = (int)_deflated.Length;
        _deflated.GetBuffer().AsSpan(0, length).CopyTo(destination);
        return length;
    }

    private static CompressionLevel DeflateLevel(int level) => level switch
    {
        <= 1 => CompressionLevel.Fastest,
        >= 9 => CompressionLevel.SmallestSize,
        _ => CompressionLevel.Optimal,
    };

    public void Dispose()
    {
        _zstd?.Dispose();
        _deflated?.Dispose();
    }
}
