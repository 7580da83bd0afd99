using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Actors.Raster.Cog;

/// <summary>
/// Writes a single-band Cloud-Optimized GeoTIFF in one pass over strips that may arrive in any order
/// and from any thread: each strip's 512 × 512 tiles are DEFLATE-compressed right away (on the calling
/// core) into a scratch file, and its half-resolution rows go into the first overview. On completion
/// the smaller overviews are reduced from the first, and the file is laid out as GDAL's COG driver
/// does: header, structural metadata, every IFD, then tile data from the smallest overview to full
/// resolution. Memory: the overviews (a third of the raster) plus one strip per thread.
/// </summary>
public sealed class CogWriter<T> : IDisposable where T : unmanaged
{
    /// <summary>Tile edge in pixels; strips must start on multiples of it.</summary>
    public const int TileSize = 512;

    private readonly string _path;
    private readonly int _width, _height, _tilesAcross, _tilesDown;
    private readonly CogGeoreference _georeference;
    private readonly T _noData;
    private readonly string _noDataText;
    private readonly IOverviewReducer<T> _reducer;
    private readonly CompressionLevel _level;
    private readonly string _scratchPath;
    private readonly FileStream _scratch;
    private readonly (long Offset, int Length)[] _tiles;
    private readonly T[]? _firstOverview;
    private readonly int _overviewWidth, _overviewHeight;

    internal CogWriter(string path, int width, int height, CogGeoreference georeference, T noData, string noDataText,
        IOverviewReducer<T> reducer, CompressionLevel level)
    {
        _path = path;
        _width = width;
        _height = height;
        _georeference = georeference;
        _noData = noData;
        _noDataText = noDataText;
        _reducer = reducer;
        _level = level;
        _tilesAcross = (width + TileSize - 1) / TileSize;
        _tilesDown = (height + TileSize - 1) / TileSize;
        _tiles = new (long, int)[_tilesAcross * _tilesDown];
        _scratchPath = $"{path}.{Guid.NewGuid():N}.tiles";
        _scratch = new FileStream(_scratchPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        if (Math.Max(width, height) > TileSize)
        {
            (_overviewWidth, _overviewHeight) = ((width + 1) / 2, (height + 1) / 2);
            _firstOverview = new T[(long)_overviewWidth * _overviewHeight];
        }
    }

    /// <summary>
    /// Adds rows [<paramref name="row"/>, row + rows) of the raster. <paramref name="row"/> must be a
    /// multiple of <see cref="TileSize"/> and <paramref name="rows"/> a multiple of it too, except for the last strip.
    /// Thread-safe; strips may come in any order.
    /// </summary>
    public void WriteStrip(int row, int rows, ReadOnlySpan<T> data)
    {
        if (row % TileSize != 0 || (rows % TileSize != 0 && row + rows != _height))
            throw new ArgumentException($"Strips must start and end on {TileSize}-row tile boundaries (got rows {row}..{row + rows}).");
        var tile = new T[TileSize * TileSize];
        using var compressed = new MemoryStream();
        for (var tileRow = row / TileSize; tileRow * TileSize < row + rows; tileRow++)
        {
            var tileTop = tileRow * TileSize - row;
            var tileRows = Math.Min(TileSize, rows - tileTop);
            for (var tileColumn = 0; tileColumn < _tilesAcross; tileColumn++)
            {
                var x0 = tileColumn * TileSize;
                var columns = Math.Min(TileSize, _width - x0);
                if (columns < TileSize || tileRows < TileSize) tile.AsSpan().Fill(_noData);
                for (var r = 0; r < tileRows; r++)
                    data.Slice((tileTop + r) * _width + x0, columns).CopyTo(tile.AsSpan(r * TileSize, columns));
                var bytes = Compress(tile, compressed);
                lock (_scratch)
                {
                    _tiles[tileRow * _tilesAcross + tileColumn] = (_scratch.Position, bytes.Length);
                    _scratch.Write(bytes.Span);
                }
            }
        }
        if (_firstOverview is not null)
            _reducer.Halve(data[..(rows * _width)], _width, rows, _firstOverview.AsSpan((row / 2) * _overviewWidth, ((rows + 1) / 2) * _overviewWidth));
    }

    /// <summary>Builds the remaining overviews and writes the COG. Every strip must have been written.</summary>
    public void Complete()
    {
        if (_tiles.Any(t => t.Length == 0)) throw new InvalidOperationException("Not every strip of the raster was written.");
        var levels = new List<Level> { new(_width, _height, _tiles) };
        if (_firstOverview is not null)
        {
            var (w, h, pixels) = (_overviewWidth, _overviewHeight, _firstOverview);
            while (true)
            {
                levels.Add(CompressLevel(pixels, w, h));
                if (Math.Max(w, h) <= TileSize) break;
                var next = new T[(long)((w + 1) / 2) * ((h + 1) / 2)];
                _reducer.Halve(pixels, w, h, next);
                (w, h, pixels) = ((w + 1) / 2, (h + 1) / 2, next);
            }
        }
        WriteFile(levels);
    }

    private Level CompressLevel(T[] pixels, int width, int height)
    {
        var across = (width + TileSize - 1) / TileSize;
        var down = (height + TileSize - 1) / TileSize;
        var blobs = new byte[across * down][];
        Parallel.For(0, across * down, () => (Tile: new T[TileSize * TileSize], Stream: new MemoryStream()), (index, _, local) =>
        {
            var (x0, y0) = (index % across * TileSize, index / across * TileSize);
            var (columns, rows) = (Math.Min(TileSize, width - x0), Math.Min(TileSize, height - y0));
            if (columns < TileSize || rows < TileSize) local.Tile.AsSpan().Fill(_noData);
            for (var r = 0; r < rows; r++)
                pixels.AsSpan((y0 + r) * width + x0, columns).CopyTo(local.Tile.AsSpan(r * TileSize, columns));
            blobs[index] = Compress(local.Tile, local.Stream).ToArray();
            return local;
        }, local => local.Stream.Dispose());
        return new Level(width, height, blobs.Select(b => (0L, b.Length)).ToArray()) { Blobs = blobs };
    }

    private ReadOnlyMemory<byte> Compress(T[] tile, MemoryStream stream)
    {
        stream.SetLength(0);
        using (var zlib = new ZLibStream(stream, _level, leaveOpen: true))
            zlib.Write(MemoryMarshal.AsBytes(tile.AsSpan()));
        return stream.GetBuffer().AsMemory(0, (int)stream.Length);
    }

    private void WriteFile(List<Level> levels)
    {
        var ghost = StructuralMetadata();
        var directories = levels.Select((level, i) => Directory(level, i == 0)).ToList();
        // Placeholders of the final length, so each directory's size is known before the offsets are.
        for (var l = 0; l < levels.Count; l++)
        {
            directories[l].AddLong(324, new uint[levels[l].Tiles.Length]);
            directories[l].AddLong(325, new uint[levels[l].Tiles.Length]);
        }
        var offset = 8L + ghost.Length;
        var directoryOffsets = new List<long>();
        foreach (var directory in directories)
        {
            directoryOffsets.Add(offset);
            offset += directory.Size;
        }
        // Tile data: smallest overview first, full resolution last, each in row-major order.
        var dataOffsets = new long[levels.Count][];
        for (var l = levels.Count - 1; l >= 0; l--)
        {
            dataOffsets[l] = new long[levels[l].Tiles.Length];
            for (var t = 0; t < levels[l].Tiles.Length; t++)
            {
                // Each tile: a 4-byte size leader, the data, its last 4 bytes repeated (GDAL's COG convention).
                dataOffsets[l][t] = offset + 4;
                offset += 4 + levels[l].Tiles[t].Length + 4;
            }
        }
        if (offset > uint.MaxValue) throw new InvalidOperationException("The COG would exceed 4 GiB; BigTIFF output is not supported.");

        for (var l = 0; l < levels.Count; l++)
        {
            directories[l].AddLong(324, dataOffsets[l].Select(o => (uint)o).ToArray());
            directories[l].AddLong(325, levels[l].Tiles.Select(t => (uint)t.Length).ToArray());
        }

        var temporary = $"{_path}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                file.Write("II*\0"u8);
                file.Write(BitConverter.GetBytes((uint)(8 + ghost.Length)));
                file.Write(ghost);
                for (var l = 0; l < directories.Count; l++)
                    file.Write(directories[l].Serialize((uint)directoryOffsets[l], l + 1 < directories.Count ? (uint)directoryOffsets[l + 1] : 0));
                for (var l = levels.Count - 1; l >= 1; l--)
                    foreach (var blob in levels[l].Blobs!) WriteTile(file, blob);
                var buffer = new byte[1 << 16];
                foreach (var (tileOffset, length) in _tiles)
                {
                    if (buffer.Length < length) buffer = new byte[length];
                    _scratch.Position = tileOffset;
                    _scratch.ReadExactly(buffer, 0, length);
                    WriteTile(file, buffer.AsSpan(0, length));
                }
            }
            File.Move(temporary, _path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static void WriteTile(Stream file, ReadOnlySpan<byte> data)
    {
        Span<byte> size = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)data.Length);
        file.Write(size);
        file.Write(data);
        file.Write(data[^4..]);
    }

    private TiffDirectory Directory(Level level, bool fullResolution)
    {
        var (bits, format) = default(T) switch
        {
            byte => ((ushort)8, (ushort)1),
            ushort => ((ushort)16, (ushort)1),
            float => ((ushort)32, (ushort)3),
            _ => throw new NotSupportedException($"COG pixels of {typeof(T).Name} are not supported."),
        };
        var d = new TiffDirectory();
        d.AddLong(254, fullResolution ? 0u : 1u);
        d.AddLong(256, (uint)level.Width);
        d.AddLong(257, (uint)level.Height);
        d.AddShort(258, bits);
        d.AddShort(259, 8); // Adobe DEFLATE (zlib)
        d.AddShort(262, 1); // BlackIsZero
        d.AddShort(277, 1);
        d.AddShort(284, 1);
        d.AddShort(322, TileSize);
        d.AddShort(323, TileSize);
        d.AddShort(339, format);
        d.AddAscii(42113, _noDataText);
        if (fullResolution)
        {
            var t = _georeference.GeoTransform;
            d.AddDouble(33550, t[1], -t[5], 0);
            d.AddDouble(33922, 0, 0, 0, t[0], t[3], 0);
            d.AddShort(34735,
                1, 1, 0, 3,
                1024, 0, 1, (ushort)(_georeference.Geographic ? 2 : 1), // GTModelType
                1025, 0, 1, 1, // GTRasterType: PixelIsArea
                (ushort)(_georeference.Geographic ? 2048 : 3072), 0, 1, (ushort)_georeference.Epsg);
        }
        return d;
    }

    private static byte[] StructuralMetadata()
    {
        // What GDAL writes so readers know the IFDs come first (it then reports LAYOUT=COG).
        var body = "LAYOUT=IFDS_BEFORE_DATA\nBLOCK_ORDER=ROW_MAJOR\nBLOCK_LEADER=SIZE_AS_UINT4\nBLOCK_TRAILER=LAST_4_BYTES_REPEATED\nKNOWN_INCOMPATIBLE_EDITION=NO\n";
        var text = $"GDAL_STRUCTURAL_METADATA_SIZE={body.Length:000000} bytes\n{body}";
        // TIFF directories must start on a word boundary.
        if (text.Length % 2 == 1)
        {
            body += " ";
            text = $"GDAL_STRUCTURAL_METADATA_SIZE={body.Length:000000} bytes\n{body}";
        }
        return Encoding.ASCII.GetBytes(text);
    }

    /// <inheritdoc />
    public void Dispose() => _scratch.Dispose();

    /// <summary>One resolution: its tiles' places in the scratch file (full resolution) or their bytes (overviews).</summary>
    private sealed record Level(int Width, int Height, (long Offset, int Length)[] Tiles)
    {
        public byte[][]? Blobs { get; init; }
    }
}

/// <summary>Creates <see cref="CogWriter{T}"/>s for the pixel types products use.</summary>
public static class CogWriter
{
    /// <summary>A writer for a uint8 class raster (overviews by nearest neighbour).</summary>
    public static CogWriter<byte> ForClasses(string path, int width, int height, CogGeoreference georeference, byte noData) =>
        new(path, width, height, georeference, noData, noData.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new NearestReducer<byte>(), CompressionLevel.Optimal);

    /// <summary>A writer for a float32 continuous raster (overviews by averaging valid pixels).</summary>
    public static CogWriter<float> ForContinuous(string path, int width, int height, CogGeoreference georeference, float noData) =>
        new(path, width, height, georeference, noData, noData.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new AverageReducer(noData), CompressionLevel.Fastest);
}
