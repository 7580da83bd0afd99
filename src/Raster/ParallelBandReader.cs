using Actors.Raster.Decode;

namespace Actors.Raster;

/// <summary>
/// Reads the same strips of several single-band rasters on all cores. Each worker opens its own
/// handles (GDAL datasets are not thread-safe) and reuses its buffers, so memory stays at
/// workers × bands × one strip whatever the raster size.
/// </summary>
public sealed class ParallelBandReader
{
    private readonly IReadOnlyList<string> _paths;
    private readonly CompressedBlockLayout?[] _layouts;
    private readonly RasterWindow _window;

    /// <summary>
    /// Checks that the rasters open and share one grid; the plan follows the first one's blocks. Strips
    /// cover <paramref name="window"/> (default: the whole raster), their rows counted from its top.
    /// </summary>
    /// <exception cref="Gdal.GdalException">A raster cannot be opened.</exception>
    /// <exception cref="InvalidOperationException">The rasters are not on one grid, or the window is not inside them.</exception>
    public ParallelBandReader(IReadOnlyList<string> paths, BandDecoding decoding = BandDecoding.Auto, RasterWindow? window = null)
    {
        _paths = paths;
        _layouts = new CompressedBlockLayout?[paths.Count];
        using var first = RasterDataset.Open(paths[0]);
        _window = window ?? RasterWindow.Whole(first.Width, first.Height);
        if (_window.X < 0 || _window.Y < 0 || _window.Width <= 0 || _window.Height <= 0
            || _window.X + _window.Width > first.Width || _window.Y + _window.Height > first.Height)
            throw new InvalidOperationException($"Window {_window} is not inside '{paths[0]}' ({first.Width}x{first.Height}).");
        Plan = StripPlan.For(first, _window);
        GeoTransform = first.GeoTransform;
        ProjectionWkt = first.ProjectionWkt;
        NoData = first.NoData();
        if (decoding == BandDecoding.Auto) _layouts[0] = CompressedBlockLayout.Probe(first, paths[0]);
        for (var i = 1; i < paths.Count; i++)
        {
            using var other = RasterDataset.Open(paths[i]);
            if (other.Width != first.Width || other.Height != first.Height)
                throw new InvalidOperationException(
                    $"'{paths[i]}' is {other.Width}x{other.Height} but '{paths[0]}' is {first.Width}x{first.Height}: bands must share one grid.");
            if (decoding == BandDecoding.Auto) _layouts[i] = CompressedBlockLayout.Probe(other, paths[i]);
        }
    }

    /// <summary>How many of the rasters are inflated directly rather than read through GDAL.</summary>
    public int DirectlyDecoded => _layouts.Count(l => l is not null);

    /// <summary>The strips.</summary>
    public StripPlan Plan { get; }

    /// <summary>Geotransform of the first raster.</summary>
    public double[] GeoTransform { get; }

    /// <summary>CRS of the first raster.</summary>
    public string ProjectionWkt { get; }

    /// <summary>Nodata of the first raster, if set.</summary>
    public double? NoData { get; }

    /// <summary>
    /// Calls <paramref name="body"/> once per strip with the strip's rows of every raster (band 1), in
    /// parallel; <paramref name="createState"/> makes per-worker state that <paramref name="mergeState"/> receives at the end.
    /// </summary>
    public void ForEachStrip<T, TState>(
        Func<TState> createState,
        Action<StripData<T>, TState> body,
        Action<TState> mergeState,
        CancellationToken cancellationToken) where T : unmanaged =>
        StripWorkers.Run(Plan.Count,
            () => new Worker<T, TState>(_paths, _layouts, Plan, createState()),
            (index, worker) =>
            {
                var (row, rows) = Plan[index];
                for (var b = 0; b < worker.Buffers.Length; b++)
                {
                    var strip = worker.Buffers[b].AsSpan(0, Plan.Width * rows);
                    if (worker.Direct[b] is { } direct)
                        direct.Read(_window.X, Plan.Width, _window.Y + row, rows, System.Runtime.InteropServices.MemoryMarshal.Cast<T, ushort>(strip));
                    else worker.Datasets[b]!.Read<T>(1, _window.X, _window.Y + row, Plan.Width, rows, strip);
                }
                body(new StripData<T>(index, row, rows, Plan.Width, worker.Buffers), worker.State);
            },
            worker =>
            {
                worker.Dispose();
                mergeState(worker.State);
            },
            cancellationToken);

    private sealed class Worker<T, TState> : IDisposable where T : unmanaged
    {
        public Worker(IReadOnlyList<string> paths, IReadOnlyList<CompressedBlockLayout?> layouts, StripPlan plan, TState state)
        {
            // The direct path yields uint16 only; other pixel types go through GDAL, which converts.
            var direct = typeof(T) == typeof(ushort);
            Direct = layouts.Select(l => direct && l is not null ? new DirectBlockReader(l) : null).ToArray();
            Datasets = paths.Select((p, i) => Direct[i] is null ? RasterDataset.Open(p) : null).ToArray();
            Buffers = paths.Select(_ => new T[plan.Width * plan.StripHeight]).ToArray();
            State = state;
        }

        public DirectBlockReader?[] Direct { get; }
        public RasterDataset?[] Datasets { get; }
        public T[][] Buffers { get; }
        public TState State { get; }

        public void Dispose()
        {
            foreach (var d in Datasets) d?.Dispose();
            foreach (var d in Direct) d?.Dispose();
        }
    }
}

/// <summary>One strip's pixels of every band, valid only during the callback.</summary>
/// <param name="Index">Strip number.</param>
/// <param name="Row">First row.</param>
/// <param name="Rows">Row count.</param>
/// <param name="Width">Columns.</param>
/// <param name="Bands">Per band, a buffer whose first Width × Rows values are the strip.</param>
public readonly record struct StripData<T>(int Index, int Row, int Rows, int Width, T[][] Bands) where T : unmanaged
{
    /// <summary>Number of pixels in the strip.</summary>
    public int Length => Width * Rows;

    /// <summary>The strip of band <paramref name="band"/> (0-based, in the order given to the reader).</summary>
    public ReadOnlySpan<T> Band(int band) => Bands[band].AsSpan(0, Length);
}
