using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Actors.Raster.Decode;

/// <summary>
/// One worker's reader of windows of a <see cref="CompressedBlockLayout"/>: reads each
/// block's bytes, decompresses them into a block buffer, undoes the horizontal predictor and copies the
/// part inside the window. Gives exactly the pixels GDAL's read of the same window gives.
/// </summary>
internal sealed class DirectBlockReader : IDisposable
{
    private readonly CompressedBlockLayout _layout;
    private readonly SafeFileHandle _file;
    private readonly IBlockDecompressor _decompressor;
    private readonly ushort[] _block;
    private byte[] _compressed;

    public DirectBlockReader(CompressedBlockLayout layout)
    {
        _layout = layout;
        _decompressor = layout.Codec == BlockCodec.Zstd ? new ZstdDecompressor() : new DeflateDecompressor();
        _file = File.OpenHandle(layout.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        _block = GC.AllocateUninitializedArray<ushort>(layout.BlockWidth * layout.BlockHeight);
        _compressed = GC.AllocateUninitializedArray<byte>(layout.Lengths.Max());
    }

    /// <summary>
    /// Reads columns [<paramref name="x"/>, x + <paramref name="width"/>) of rows [<paramref name="row"/>, row + <paramref name="rows"/>)
    /// into <paramref name="destination"/> (row-major, <paramref name="width"/> values a row).
    /// </summary>
    /// <exception cref="InvalidDataException">A block is corrupt or the file was cut short.</exception>
    public void Read(int x, int width, int row, int rows, Span<ushort> destination)
    {
        var (blockWidth, blockHeight) = (_layout.BlockWidth, _layout.BlockHeight);
        for (var blockRow = row / blockHeight; blockRow * blockHeight < row + rows; blockRow++)
        {
            var top = blockRow * blockHeight;
            var from = Math.Max(row, top);
            var to = Math.Min(Math.Min(row + rows, top + blockHeight), _layout.Height);
            for (var blockColumn = x / blockWidth; blockColumn * blockWidth < x + width; blockColumn++)
            {
                var index = blockRow * _layout.BlocksAcross + blockColumn;
                var validRows = Decode(index);
                if (to - top > validRows)
                    throw new InvalidDataException($"Block {blockColumn},{blockRow} of '{_layout.Path}' holds {validRows} rows, fewer than the {to - top} the raster needs.");
                var left = blockColumn * blockWidth;
                var (x0, x1) = (Math.Max(x, left), Math.Min(Math.Min(x + width, left + blockWidth), _layout.Width));
                for (var y = from; y < to; y++)
                    _block.AsSpan((y - top) * blockWidth + (x0 - left), x1 - x0).CopyTo(destination.Slice((y - row) * width + (x0 - x), x1 - x0));
            }
        }
    }

    // Decompresses block `index` into _block and undoes the predictor; returns the number of rows it holds.
    private int Decode(int index)
    {
        var length = _layout.Lengths[index];
        if (_compressed.Length < length) _compressed = GC.AllocateUninitializedArray<byte>(length);
        var compressed = _compressed.AsSpan(0, length);
        for (var done = 0; done < length;)
        {
            var n = RandomAccess.Read(_file, compressed[done..], _layout.Offsets[index] + done);
            if (n == 0) throw new InvalidDataException($"'{_layout.Path}' ends inside block {index}.");
            done += n;
        }
        var bytes = MemoryMarshal.AsBytes(_block.AsSpan());
        int written;
        try
        {
            written = _decompressor.Decompress(compressed, bytes);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Block {index} of '{_layout.Path}': {e.Message}.", e);
        }
        var rows = written / (2 * _layout.BlockWidth);
        if (_layout.HorizontalPredictor) UndoHorizontalPredictor(_block.AsSpan(0, rows * _layout.BlockWidth), _layout.BlockWidth);
        return rows;
    }

    // TIFF predictor 2: each stored value is the difference to its left neighbour, modulo 2^16.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UndoHorizontalPredictor(Span<ushort> block, int width)
    {
        for (var start = 0; start < block.Length; start += width)
        {
            var row = block.Slice(start, width);
            var previous = row[0];
            for (var x = 1; x < row.Length; x++)
                row[x] = previous = (ushort)(previous + row[x]);
        }
    }

    public void Dispose()
    {
        _decompressor.Dispose();
        _file.Dispose();
    }
}
