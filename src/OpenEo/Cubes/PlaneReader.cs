using System.Numerics;
using System.Runtime.CompilerServices;
using Actors.Raster;

namespace Actors.OpenEo.Cubes;

/// <summary>
/// Reads one band raster onto a cube grid as float32 (stored × scale + offset, nodata → NaN), strip by
/// strip on all cores. A raster on the grid's own pixel lattice is read windowed (uint16 through the
/// direct block decoder); any other raster of the same CRS is sampled by nearest neighbour.
/// </summary>
internal static class PlaneReader
{
    /// <summary>
    /// Reads <paramref name="path"/> into <paramref name="plane"/> (on <paramref name="grid"/>); with
    /// <paramref name="fillOnly"/>, only pixels still NaN are written (merging items of one timestamp).
    /// Returns the number of source pixels read.
    /// </summary>
    public static long Read(string path, double scale, double offset, CubeGrid grid, float[] plane, bool fillOnly, CancellationToken cancellationToken, Action? stripDone = null)
    {
        double[] t;
        int width, height;
        double? noData;
        PixelType type;
        using (var dataset = RasterDataset.Open(path))
        {
            using var crs = dataset.SpatialReference();
            if (crs.Epsg != grid.Epsg)
                throw new OpenEoException("FeatureUnsupported", $"'{Path.GetFileName(path)}' is in EPSG:{crs.Epsg?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, the cube in EPSG:{grid.Epsg}; reprojection between items is not supported.", 400);
            (t, width, height, noData, type) = (dataset.GeoTransform, dataset.Width, dataset.Height, dataset.NoData(), dataset.DataType());
        }
        var g = grid.GeoTransform;
        var column = (g[0] - t[0]) / t[1];
        var row = (g[3] - t[3]) / t[5];
        var aligned = Math.Abs(t[1] - g[1]) < 1e-9 * Math.Abs(g[1]) && Math.Abs(t[5] - g[5]) < 1e-9 * Math.Abs(g[5])
            && Math.Abs(column - Math.Round(column)) < 1e-6 && Math.Abs(row - Math.Round(row)) < 1e-6;
        var window = new RasterWindow((int)Math.Round(column), (int)Math.Round(row), grid.Width, grid.Height);
        if (aligned && window.X >= 0 && window.Y >= 0 && window.X + window.Width <= width && window.Y + window.Height <= height)
        {
            ReadWindow(path, window, type, noData, (float)scale, (float)offset, plane, fillOnly, cancellationToken, stripDone);
            return (long)grid.Width * grid.Height;
        }
        return Sample(path, t, width, height, noData, (float)scale, (float)offset, grid, plane, fillOnly, cancellationToken, stripDone);
    }

    private static void ReadWindow(string path, RasterWindow window, PixelType type, double? noData, float scale, float offset,
        float[] plane, bool fillOnly, CancellationToken cancellationToken, Action? stripDone)
    {
        var reader = new ParallelBandReader([path], window: window);
        if (type == PixelType.UInt16)
        {
            ushort? nd = noData is { } n && n >= 0 && n <= ushort.MaxValue && n == Math.Floor(n) ? (ushort)n : null;
            reader.ForEachStrip<ushort, int>(() => 0, (strip, _) =>
            {
                Convert(strip.Band(0), plane.AsSpan(strip.Row * window.Width, strip.Length), nd, scale, offset, fillOnly);
                stripDone?.Invoke();
            }, _ => { }, cancellationToken);
        }
        else
        {
            var nd = noData is { } n ? (float)n : float.NaN;
            reader.ForEachStrip<float, int>(() => 0, (strip, _) =>
            {
                Convert(strip.Band(0), plane.AsSpan(strip.Row * window.Width, strip.Length), nd, scale, offset, fillOnly);
                stripDone?.Invoke();
            }, _ => { }, cancellationToken);
        }
    }

    /// <summary>Number of strips <see cref="Read"/> reports for a grid.</summary>
    public static int StripCount(CubeGrid grid) => (grid.Height + 255) / 256 + 1;

    // Nearest neighbour: each target pixel centre takes the source pixel it falls in; outside the source stays NaN.
    private static long Sample(string path, double[] t, int width, int height, double? noData, float scale, float offset,
        CubeGrid grid, float[] plane, bool fillOnly, CancellationToken cancellationToken, Action? stripDone)
    {
        var g = grid.GeoTransform;
        var columns = new int[grid.Width];
        for (var x = 0; x < grid.Width; x++)
            columns[x] = (int)Math.Floor((g[0] + (x + 0.5) * g[1] - t[0]) / t[1]);
        var validColumns = columns.Where(c => c >= 0 && c < width).ToArray();
        if (validColumns.Length == 0) return 0;
        var (c0, c1) = (validColumns.Min(), validColumns.Max());
        const int stripRows = 256;
        var strips = (grid.Height + stripRows - 1) / stripRows;
        long read = 0;
        var nd = noData is { } n ? (float)n : float.NaN;
        StripWorkers.Run(strips, () => RasterDataset.Open(path), (s, dataset) =>
        {
            var y0 = s * stripRows;
            var rows = Math.Min(stripRows, grid.Height - y0);
            var sourceRows = new int[rows];
            for (var y = 0; y < rows; y++)
                sourceRows[y] = (int)Math.Floor((g[3] + (y0 + y + 0.5) * g[5] - t[3]) / t[5]);
            var inside = sourceRows.Where(r => r >= 0 && r < height).ToArray();
            if (inside.Length > 0)
            {
                var (r0, r1) = (inside.Min(), inside.Max());
                var sourceWidth = c1 - c0 + 1;
                var buffer = new float[sourceWidth * (r1 - r0 + 1)];
                dataset.Read<float>(1, c0, r0, sourceWidth, r1 - r0 + 1, buffer);
                Interlocked.Add(ref read, buffer.Length);
                for (var y = 0; y < rows; y++)
                {
                    var sr = sourceRows[y];
                    if (sr < 0 || sr >= height) continue;
                    var target = plane.AsSpan((y0 + y) * grid.Width, grid.Width);
                    for (var x = 0; x < grid.Width; x++)
                    {
                        var sc = columns[x];
                        if (sc < 0 || sc >= width || (fillOnly && !float.IsNaN(target[x]))) continue;
                        var v = buffer[(sr - r0) * sourceWidth + sc - c0];
                        target[x] = v == nd || float.IsNaN(v) ? float.NaN : v * scale + offset;
                    }
                }
            }
            stripDone?.Invoke();
        }, dataset => dataset.Dispose(), cancellationToken);
        return read;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Convert(ReadOnlySpan<ushort> source, Span<float> target, ushort? noData, float scale, float offset, bool fillOnly)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && !fillOnly)
        {
            var (vScale, vOffset, nan) = (new Vector<float>(scale), new Vector<float>(offset), new Vector<float>(float.NaN));
            var nd = new Vector<ushort>(noData ?? 0);
            for (; i <= source.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                var v = new Vector<ushort>(source[i..]);
                var missing = noData.HasValue ? Vector.Equals(v, nd) : Vector<ushort>.Zero;
                Vector.Widen(v, out var low, out var high);
                // Widened as signed so the all-ones mask stays all ones.
                Vector.Widen(Vector.AsVectorInt16(missing), out var missingLow, out var missingHigh);
                Vector.ConditionalSelect(missingLow, nan, Vector.ConvertToSingle(low) * vScale + vOffset).CopyTo(target[i..]);
                Vector.ConditionalSelect(missingHigh, nan, Vector.ConvertToSingle(high) * vScale + vOffset).CopyTo(target[(i + Vector<uint>.Count)..]);
            }
        }
        for (; i < source.Length; i++)
        {
            if (fillOnly && !float.IsNaN(target[i])) continue;
            target[i] = noData == source[i] ? float.NaN : source[i] * scale + offset;
        }
    }

    private static void Convert(ReadOnlySpan<float> source, Span<float> target, float noData, float scale, float offset, bool fillOnly)
    {
        for (var i = 0; i < source.Length; i++)
        {
            if (fillOnly && !float.IsNaN(target[i])) continue;
            var v = source[i];
            target[i] = v == noData || float.IsNaN(v) ? float.NaN : v * scale + offset;
        }
    }
}
