using System.Collections.Concurrent;
using System.Text;
using Actors.Raster.Native;
using Microsoft.Win32.SafeHandles;

namespace Actors.Raster.Cog;

/// <summary>
/// Writes a single-band Cloud-Optimized GeoTIFF in one pass over strips that may arrive in any order
/// and from any thread. Each strip's 512 × 512 tiles are compressed on the calling core and appended,
/// in row-major order, to the output file itself, and the strip feeds the overview pyramid, which
/// compresses overview tiles as their rows complete. On completion the header, every IFD and the
/// overview tiles are put in front of the full-resolution tiles, as GDAL's COG driver lays a file out.
/// Memory: a few tile rows per overview level, the compressed overviews, and a strip or two of
/// compressed tiles per thread.
/// </summary>
public sealed class CogWriter<T> : IDisposable where T : unmanaged
{
    /// <summary>Tile edge in pixels; strips must start on multiples of it.</summary>
    public const int TileSize = 512;

    // fallocate works in filesystem blocks; 4 KiB covers ext4 and XFS as usually formatted.
    private const int HeadAlignment = 4096;

    private readonly string _path, _partialPath;
    private readonly int _width, _height, _tilesAcross, _tilesDown;
    private readonly CogGeoreference _georeference;
    private readonly T _noData;
    private readonly string? _noDataText;
    private readonly IOverviewReducer<T> _reducer;
    private readonly TileCompression _compression;
    private readonly string? _gdalMetadata;
    private readonly SafeFileHandle _file;
    private readonly TileDataSink _sink;
    private readonly ThreadLocal<TileEncoder<T>> _encoders;
    // Huge-page buffers, reused: fresh 4 KiB pages for every strip's tiles cost thousands of page faults.
    private readonly ConcurrentBag<NativeBuffer<byte>> _stripBuffers = [];
    private readonly ConcurrentBag<NativeBuffer<byte>> _allStripBuffers = [];

    // Full resolution: where each tile's bytes start in the data written so far, and their length.
    private readonly (long Offset, int Length)[] _tiles;
    private readonly SortedDictionary<int, EncodedStrip> _waiting = [];
    private int _nextTileRow;
    private long _dataLength;

    private readonly OverviewPyramid<T> _overviews;
    private readonly TileArena _arena;
    private bool _completed;

    internal CogWriter(string path, int width, int height, CogGeoreference georeference, T noData, string? noDataText,
        IOverviewReducer<T> reducer, TileCompression compression, string? gdalMetadata = null)
    {
        _gdalMetadata = gdalMetadata;
        _path = path;
        _width = width;
        _height = height;
        _georeference = georeference;
        _noData = noData;
        _noDataText = noDataText;
        _reducer = reducer;
        _compression = compression;
        _tilesAcross = (width + TileSize - 1) / TileSize;
        _tilesDown = (height + TileSize - 1) / TileSize;
        _tiles = new (long, int)[_tilesAcross * _tilesDown];
        _encoders = new ThreadLocal<TileEncoder<T>>(() => new TileEncoder<T>(compression), trackAllValues: true);
        _partialPath = $"{path}.{Guid.NewGuid():N}.partial";
        _file = File.OpenHandle(_partialPath, FileMode.CreateNew, FileAccess.ReadWrite);
        _sink = new TileDataSink(_partialPath, _file);
        using (var probe = new TileEncoder<T>(compression))
            _arena = new TileArena(Math.Max(1, OverviewPyramid<T>.TileCount(width, height)) * (probe.Bound + TileFrame.Overhead));
        _overviews = new OverviewPyramid<T>(width, height, reducer, () => _encoders.Value!, noData, _arena);
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
        var encoder = _encoders.Value!;
        var firstTileRow = row / TileSize;
        var tileRows = (rows + TileSize - 1) / TileSize;
        var strip = new EncodedStrip(firstTileRow, tileRows, RentStripBuffer(tileRows * _tilesAcross * (encoder.Bound + 8)), new (int, int)[tileRows * _tilesAcross]);
        var used = 0;
        for (var tileRow = 0; tileRow < tileRows; tileRow++)
        {
            var tileTop = tileRow * TileSize;
            var rowsInTile = Math.Min(TileSize, rows - tileTop);
            for (var tileColumn = 0; tileColumn < _tilesAcross; tileColumn++)
            {
                var x0 = tileColumn * TileSize;
                var length = encoder.Encode(data[(tileTop * _width + x0)..], _width, Math.Min(TileSize, _width - x0), rowsInTile, _noData,
                    strip.Buffer.Span[(used + 4)..]);
                strip.Tiles[tileRow * _tilesAcross + tileColumn] = (used + 4, length);
                used += TileFrame.Write(strip.Buffer.Span[used..], length);
            }
        }
        strip.Length = used;

        _overviews.Add(row, rows, data[..(rows * _width)], _width);
        Append(strip);
    }

    // Strips go to the file in tile-row order (the layout promises BLOCK_ORDER=ROW_MAJOR); one that
    // arrives early waits in memory for the strips before it.
    private void Append(EncodedStrip strip)
    {
        lock (_waiting)
        {
            _waiting.Add(strip.FirstTileRow, strip);
            while (_waiting.Remove(_nextTileRow, out var next))
            {
                _sink.Append(next.Buffer.Slice(0, next.Length));
                for (var t = 0; t < next.Tiles.Length; t++)
                    _tiles[next.FirstTileRow * _tilesAcross + t] = (_dataLength + next.Tiles[t].Offset, next.Tiles[t].Length);
                _dataLength += next.Length;
                _nextTileRow += next.TileRows;
                _stripBuffers.Add(next.Buffer);
            }
        }
    }

    private NativeBuffer<byte> RentStripBuffer(int length)
    {
        while (_stripBuffers.TryTake(out var buffer))
            if (buffer.Length >= length) return buffer;
        var fresh = new NativeBuffer<byte>(length);
        _allStripBuffers.Add(fresh);
        return fresh;
    }

    /// <summary>Finishes the COG. Every strip must have been written.</summary>
    public void Complete(StageClock? clock = null)
    {
        if (_nextTileRow != _tilesDown || !_overviews.IsComplete)
            throw new InvalidOperationException("Not every strip of the raster was written.");
        var levels = new List<Level> { new(_width, _height, []) };
        levels.AddRange(_overviews.Levels.Select(l => new Level(l.Width, l.Height, l.Tiles)));
        WriteHead(levels);
        clock?.Mark("COG head");
        _completed = true;
    }

    private void WriteHead(List<Level> levels)
    {
        var ghost = StructuralMetadata();
        var directories = levels.Select((level, i) => Directory(level, i == 0)).ToList();
        // Placeholders of the final length, so each directory's size is known before the offsets are.
        var tileCounts = levels.Select((level, i) => i == 0 ? _tiles.Length : level.Tiles.Length).ToArray();
        for (var l = 0; l < levels.Count; l++)
        {
            directories[l].AddLong(324, new uint[tileCounts[l]]);
            directories[l].AddLong(325, new uint[tileCounts[l]]);
        }
        var offset = 8L + ghost.Length;
        var directoryOffsets = new List<long>();
        foreach (var directory in directories)
        {
            directoryOffsets.Add(offset);
            offset += directory.Size;
        }
        // Overview tiles in the head, smallest overview first; full resolution follows the head.
        var offsets = new uint[levels.Count][];
        var lengths = new uint[levels.Count][];
        for (var l = levels.Count - 1; l >= 1; l--)
        {
            offsets[l] = new uint[tileCounts[l]];
            lengths[l] = new uint[tileCounts[l]];
            for (var t = 0; t < tileCounts[l]; t++)
            {
                offsets[l][t] = (uint)(offset + 4);
                lengths[l][t] = (uint)(levels[l].Tiles[t].Length - 8);
                offset += levels[l].Tiles[t].Length;
            }
        }
        var headLength = offset;
        var dataStart = (headLength + HeadAlignment - 1) / HeadAlignment * HeadAlignment;
        if (dataStart + _dataLength > uint.MaxValue) throw new InvalidOperationException("The COG would exceed 4 GiB; BigTIFF output is not supported.");
        offsets[0] = _tiles.Select(t => (uint)(dataStart + t.Offset)).ToArray();
        lengths[0] = _tiles.Select(t => (uint)t.Length).ToArray();
        for (var l = 0; l < levels.Count; l++)
        {
            directories[l].AddLong(324, offsets[l]);
            directories[l].AddLong(325, lengths[l]);
        }

        var head = new byte[offsets.Length > 1 ? offsets[^1][0] - 4 : headLength];
        var position = 0;
        void Put(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(head.AsSpan(position));
            position += bytes.Length;
        }
        Put("II*\0"u8);
        Put(BitConverter.GetBytes((uint)(8 + ghost.Length)));
        Put(ghost);
        for (var l = 0; l < directories.Count; l++)
            Put(directories[l].Serialize((uint)directoryOffsets[l], l + 1 < directories.Count ? (uint)directoryOffsets[l + 1] : 0));
        _sink.Finish();
        // The bytes between the head and the first full-resolution tile stay zero: no IFD points there.
        PrependHead(dataStart, file =>
        {
            RandomAccess.Write(file, head, 0);
            for (var l = levels.Count - 1; l >= 1; l--)
                for (var t = 0; t < levels[l].Tiles.Length; t++)
                    RandomAccess.Write(file, _arena[levels[l].Tiles[t]], offsets[l][t] - 4);
        });
        _file.Dispose();
        File.Move(_partialPath, _path, overwrite: true);
    }

    // Shifting the full-resolution tiles on disk costs the filesystem a metadata update (fallocate
    // INSERT_RANGE on ext4 and XFS); where that is not supported, they are copied behind the head.
    private void PrependHead(long headLength, Action<SafeFileHandle> writeHead)
    {
        if (OperatingSystem.IsLinux() && _dataLength > 0 &&
            LibC.fallocate((int)_file.DangerousGetHandle(), LibC.FallocInsertRange, 0, headLength) == 0)
        {
            writeHead(_file);
            return;
        }
        var copyPath = _partialPath + ".copy";
        using (var copy = File.OpenHandle(copyPath, FileMode.CreateNew, FileAccess.Write))
        {
            writeHead(copy);
            var buffer = new byte[1 << 20];
            for (long read = 0; read < _dataLength;)
            {
                var n = RandomAccess.Read(_file, buffer, read);
                RandomAccess.Write(copy, buffer.AsSpan(0, n), headLength + read);
                read += n;
            }
        }
        _file.Dispose();
        File.Move(copyPath, _partialPath, overwrite: true);
    }

    private TiffDirectory Directory(Level level, bool fullResolution)
    {
        var (bits, format) = default(T) switch
        {
            byte => ((ushort)8, (ushort)1),
            ushort => ((ushort)16, (ushort)1),
            short => ((ushort)16, (ushort)2),
            float => ((ushort)32, (ushort)3),
            _ => throw new NotSupportedException($"COG pixels of {typeof(T).Name} are not supported."),
        };
        var d = new TiffDirectory();
        d.AddLong(254, fullResolution ? 0u : 1u);
        d.AddLong(256, (uint)level.Width);
        d.AddLong(257, (uint)level.Height);
        d.AddShort(258, bits);
        d.AddShort(259, _compression.TiffCompression);
        d.AddShort(262, 1); // BlackIsZero
        d.AddShort(277, 1);
        d.AddShort(284, 1);
        if (_compression.Predictor != TilePredictor.None) d.AddShort(317, (ushort)_compression.Predictor);
        d.AddShort(322, TileSize);
        d.AddShort(323, TileSize);
        d.AddShort(339, format);
        if (_noDataText is not null) d.AddAscii(42113, _noDataText);
        if (fullResolution)
        {
            if (_gdalMetadata is not null) d.AddAscii(42112, _gdalMetadata);
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
    public void Dispose()
    {
        foreach (var encoder in _encoders.Values) encoder.Dispose();
        _encoders.Dispose();
        _overviews.Dispose();
        _arena.Dispose();
        foreach (var buffer in _allStripBuffers) buffer.Dispose();
        _sink.Dispose();
        _file.Dispose();
        if (!_completed) File.Delete(_partialPath);
    }

    /// <summary>One resolution and, for overviews, where its framed tiles are in the arena.</summary>
    private sealed record Level(int Width, int Height, (long Offset, int Length)[] Tiles);

    /// <summary>A strip's framed tiles, waiting for their turn in the file.</summary>
    private sealed class EncodedStrip(int firstTileRow, int tileRows, NativeBuffer<byte> buffer, (int Offset, int Length)[] tiles)
    {
        public int FirstTileRow { get; } = firstTileRow;
        public int TileRows { get; } = tileRows;
        public NativeBuffer<byte> Buffer { get; } = buffer;
        public (int Offset, int Length)[] Tiles { get; } = tiles;
        public int Length { get; set; }
    }
}

/// <summary>Creates <see cref="CogWriter{T}"/>s for the pixel types products use.</summary>
public static class CogWriter
{
    /// <summary>
    /// Classes and masks: DEFLATE (readable everywhere) at zlib-ng's fastest level, which on long runs
    /// of one class is as fast as Zstandard; overviews by nearest neighbour.
    /// </summary>
    public static readonly TileCompression ClassCompression = new(TileCodec.Deflate, 1, TilePredictor.None);

    /// <summary>
    /// Continuous float32: Zstandard level 1 after the floating-point predictor. DEFLATE on 2 cores
    /// compresses float32 at about 120 MB/s (4 s for a full Sentinel-2 tile); this is 6 times faster
    /// at a better ratio.
    /// </summary>
    public static readonly TileCompression ContinuousCompression = new(TileCodec.Zstd, 1, TilePredictor.FloatingPoint);

    /// <summary>
    /// Scaled int16 (value = stored × scale + offset): horizontal predictor, then Zstandard level 1,
    /// about 1 GB/s a core on NDVI × 10,000.
    /// </summary>
    public static readonly TileCompression ScaledCompression = new(TileCodec.Zstd, 1, TilePredictor.Horizontal);

    /// <summary>
    /// Reflectances and other uint16 bands (the bands the activator stages): horizontal predictor, then
    /// Zstandard level 1, which compresses them about twice as fast as DEFLATE and which our direct
    /// decode reads back on every core.
    /// </summary>
    public static readonly TileCompression ReflectanceCompression = new(TileCodec.Zstd, 1, TilePredictor.Horizontal);

    /// <summary>
    /// A writer for a uint16 band (overviews by averaging valid values); without <paramref name="noData"/>
    /// every value is valid and edge tiles are padded with 0.
    /// </summary>
    public static CogWriter<ushort> ForReflectance(string path, int width, int height, CogGeoreference georeference, ushort? noData) =>
        new(path, width, height, georeference, noData ?? 0, noData?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new UInt16AverageReducer(noData), ReflectanceCompression);

    /// <summary>
    /// A writer for int16 values standing for stored × <paramref name="scale"/> + <paramref name="offset"/>
    /// (overviews by averaging valid values). GDAL reports the scale and offset from the file's metadata.
    /// </summary>
    public static CogWriter<short> ForScaled(string path, int width, int height, CogGeoreference georeference, short noData, double scale, double offset)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var metadata = string.Create(c,
            $"<GDALMetadata>\n  <Item name=\"OFFSET\" sample=\"0\" role=\"offset\">{offset:R}</Item>\n  <Item name=\"SCALE\" sample=\"0\" role=\"scale\">{scale:R}</Item>\n</GDALMetadata>\n");
        return new(path, width, height, georeference, noData, noData.ToString(c), new Int16AverageReducer(noData), ScaledCompression, metadata);
    }

    /// <summary>A writer for a uint8 class raster.</summary>
    public static CogWriter<byte> ForClasses(string path, int width, int height, CogGeoreference georeference, byte noData) =>
        new(path, width, height, georeference, noData, noData.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new NearestReducer<byte>(), ClassCompression);

    /// <summary>A writer for a float32 continuous raster (overviews by averaging valid pixels).</summary>
    public static CogWriter<float> ForContinuous(string path, int width, int height, CogGeoreference georeference, float noData) =>
        new(path, width, height, georeference, noData, noData.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new AverageReducer(noData), ContinuousCompression);
}
