using System.Collections.Concurrent;
using Actors.Raster.Native;

namespace Actors.Raster.Cog;

/// <summary>
/// Every overview of a raster, built while its strips arrive: each level is kept only as the tile rows
/// still being filled. A tile row that is complete is compressed into the arena, halved into the next
/// level, and its buffer reused. Memory is a few tile rows per level instead of a third of the raster,
/// and no overview work is left for the end.
/// </summary>
internal sealed class OverviewPyramid<T> : IDisposable where T : unmanaged
{
    private const int Size = CogWriter<T>.TileSize;
    private readonly IOverviewReducer<T> _reducer;
    private readonly Func<TileEncoder<T>> _encoder;
    private readonly T _noData;
    private readonly TileArena _arena;
    private readonly LevelState[] _levels;

    /// <summary>A pyramid for a raster of <paramref name="width"/> × <paramref name="height"/>, halving until a level fits one tile.</summary>
    public OverviewPyramid(int width, int height, IOverviewReducer<T> reducer, Func<TileEncoder<T>> encoder, T noData, TileArena arena)
    {
        (_reducer, _encoder, _noData, _arena) = (reducer, encoder, noData, arena);
        var levels = new List<LevelState>();
        var (w, h) = (width, height);
        while (Math.Max(w, h) > Size)
        {
            (w, h) = ((w + 1) / 2, (h + 1) / 2);
            levels.Add(new LevelState(w, h));
        }
        _levels = [.. levels];
    }

    /// <summary>Number of tiles over all levels, to size the arena.</summary>
    public static long TileCount(int width, int height)
    {
        long tiles = 0;
        for (var (w, h) = (width, height); Math.Max(w, h) > Size;)
        {
            (w, h) = ((w + 1) / 2, (h + 1) / 2);
            tiles += (long)((w + Size - 1) / Size) * ((h + Size - 1) / Size);
        }
        return tiles;
    }

    /// <summary>The levels, largest first: size and where each framed tile is in the arena.</summary>
    public IEnumerable<(int Width, int Height, (long Offset, int Length)[] Tiles)> Levels =>
        _levels.Select(l => (l.Width, l.Height, l.Tiles));

    /// <summary>True when every tile of every level has been compressed.</summary>
    public bool IsComplete => _levels.All(l => l.Tiles.All(t => t.Length > 0));

    /// <summary>Adds full-resolution rows [<paramref name="row"/>, row + rows); <paramref name="row"/> must be even.</summary>
    public void Add(int row, int rows, ReadOnlySpan<T> data, int width)
    {
        if (_levels.Length > 0) AddToLevel(0, row, rows, data, width);
    }

    // Halves source rows [row, row + rows) of the level above into level `index`, tile row by tile row.
    private void AddToLevel(int index, int row, int rows, ReadOnlySpan<T> data, int sourceWidth)
    {
        var level = _levels[index];
        var first = row / 2;
        var last = (row + rows + 1) / 2; // exclusive
        for (var tileRow = first / Size; tileRow * Size < last; tileRow++)
        {
            var top = tileRow * Size;
            var (from, to) = (Math.Max(first, top), Math.Min(last, top + level.RowsIn(tileRow)));
            var sourceFrom = 2 * from - row;
            var sourceRows = Math.Min(2 * (to - from), rows - sourceFrom);
            var buffer = level.Buffer(tileRow);
            _reducer.Halve(data.Slice(sourceFrom * sourceWidth, sourceRows * sourceWidth), sourceWidth, sourceRows,
                buffer.Slice((from - top) * level.Width, (to - from) * level.Width));
            if (level.Fill(tileRow, to - from)) Finish(index, tileRow, buffer);
        }
    }

    private void Finish(int index, int tileRow, NativeBuffer<T> buffer)
    {
        var level = _levels[index];
        var rows = level.RowsIn(tileRow);
        var encoder = _encoder();
        var framed = new byte[encoder.Bound + 8];
        for (var column = 0; column * Size < level.Width; column++)
        {
            var x0 = column * Size;
            var columns = Math.Min(Size, level.Width - x0);
            var length = encoder.Encode(buffer.Slice(x0, (rows - 1) * level.Width + columns), level.Width, columns, rows, _noData, framed.AsSpan(4));
            level.Tiles[tileRow * level.TilesAcross + column] = _arena.Add(framed.AsSpan(0, TileFrame.Write(framed, length)));
        }
        if (index + 1 < _levels.Length) AddToLevel(index + 1, tileRow * Size, rows, buffer.Slice(0, rows * level.Width), level.Width);
        level.Release(tileRow, buffer);
    }

    /// <summary>Frees the tile-row buffers.</summary>
    public void Dispose()
    {
        foreach (var level in _levels) level.Dispose();
    }

    // Tile-row buffers are huge-page native memory, reused: fresh 4 KiB pages would cost thousands of page faults.
    private sealed class LevelState(int width, int height) : IDisposable
    {
        private readonly ConcurrentDictionary<int, NativeBuffer<T>> _open = new();
        private readonly ConcurrentBag<NativeBuffer<T>> _free = [];
        private readonly ConcurrentBag<NativeBuffer<T>> _all = [];
        private readonly int[] _filled = new int[(height + Size - 1) / Size];

        public int Width { get; } = width;
        public int Height { get; } = height;
        public int TilesAcross { get; } = (width + Size - 1) / Size;
        public (long Offset, int Length)[] Tiles { get; } = new (long, int)[((width + Size - 1) / Size) * ((height + Size - 1) / Size)];

        public int RowsIn(int tileRow) => Math.Min(Size, Height - tileRow * Size);

        public NativeBuffer<T> Buffer(int tileRow) => _open.GetOrAdd(tileRow, _ =>
        {
            if (_free.TryTake(out var reused)) return reused;
            var fresh = new NativeBuffer<T>(Size * Width);
            _all.Add(fresh);
            return fresh;
        });

        /// <summary>Counts rows written into a tile row; true for the call that completes it.</summary>
        public bool Fill(int tileRow, int rows) => Interlocked.Add(ref _filled[tileRow], rows) == RowsIn(tileRow);

        public void Release(int tileRow, NativeBuffer<T> buffer)
        {
            _open.TryRemove(tileRow, out _);
            _free.Add(buffer);
        }

        public void Dispose()
        {
            foreach (var buffer in _all) buffer.Dispose();
        }
    }
}
