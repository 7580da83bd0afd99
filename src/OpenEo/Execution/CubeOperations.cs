using System.Globalization;
using Actors.OpenEo.Cubes;
using Actors.OpenEo.Execution.Callbacks;
using Actors.Raster;

namespace Actors.OpenEo.Execution;

/// <summary>The data cube processes other than loading and saving.</summary>
internal static class CubeOperations
{
    public static RasterCube ReduceDimension(RasterCube cube, CallbackGraph reducer, string dimension, object? context, RunContext run)
    {
        if (cube.Bands is not null && dimension == cube.BandDimension)
        {
            var program = Compile(reducer, cube.Bands.Count, cube.Bands, context, run);
            var outputs = Enumerable.Range(0, cube.TimeCount).Select(_ => new float[cube.Grid.Pixels]).ToArray();
            Run(program, Enumerable.Range(0, cube.TimeCount)
                .Select(t => new PixelJob(Enumerable.Range(0, cube.BandCount).Select(b => cube.Plane(t, b)).ToArray(), outputs[t])).ToList(), cube.Grid, run);
            return cube with { Bands = null, Planes = outputs };
        }
        if (cube.Times is not null && dimension == cube.TimeDimension)
        {
            var labels = cube.Times.Select(t => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).ToList();
            var program = Compile(reducer, cube.Times.Count, labels, context, run);
            var outputs = Enumerable.Range(0, cube.BandCount).Select(_ => new float[cube.Grid.Pixels]).ToArray();
            Run(program, Enumerable.Range(0, cube.BandCount)
                .Select(b => new PixelJob(Enumerable.Range(0, cube.TimeCount).Select(t => cube.Plane(t, b)).ToArray(), outputs[b])).ToList(), cube.Grid, run);
            return cube with { Times = null, Planes = outputs };
        }
        throw new OpenEoException("DimensionNotAvailable", $"reduce_dimension: the cube has no dimension '{dimension}' (it has {string.Join(", ", cube.DimensionNames())}).");
    }

    public static RasterCube Apply(RasterCube cube, CallbackGraph process, object? context, RunContext run)
    {
        var program = CallbackCompiler.Compile(process.ProcessGraph,
            process.Parameters(new Dictionary<string, object?> { ["x"] = new PixelValue(0), ["context"] = context }), 1, run.Request.UserProcesses);
        var outputs = cube.Planes.Select(_ => new float[cube.Grid.Pixels]).ToArray();
        Run(program, cube.Planes.Select((p, i) => new PixelJob([p], outputs[i])).ToList(), cube.Grid, run);
        return cube with { Planes = outputs };
    }

    public static RasterCube Ndvi(RasterCube cube, string nir, string red, string? targetBand, RunContext run)
    {
        if (cube.Bands is null) throw new OpenEoException("DimensionAmbiguous", "ndvi: the cube has no bands dimension.");
        var n = IndexOf(cube.Bands, nir, "NirBandAmbiguous", "ndvi");
        var r = IndexOf(cube.Bands, red, "RedBandAmbiguous", "ndvi");
        if (targetBand is not null && cube.Bands.Contains(targetBand)) throw new OpenEoException("BandExists", $"ndvi: the cube already has a band '{targetBand}'.");
        var builder = new PixelProgramBuilder(2);
        var result = builder.Temporary();
        builder.Emit(new BinaryOp<NormalizedDifferenceKernel>(0, 1, result.Register));
        var program = builder.Build(result);
        var outputs = Enumerable.Range(0, cube.TimeCount).Select(_ => new float[cube.Grid.Pixels]).ToArray();
        Run(program, Enumerable.Range(0, cube.TimeCount).Select(t => new PixelJob([cube.Plane(t, n), cube.Plane(t, r)], outputs[t])).ToList(), cube.Grid, run);
        if (targetBand is null) return cube with { Bands = null, Planes = outputs };
        var planes = new List<float[]>();
        for (var t = 0; t < cube.TimeCount; t++)
        {
            for (var b = 0; b < cube.BandCount; b++) planes.Add(cube.Plane(t, b));
            planes.Add(outputs[t]);
        }
        return cube with { Bands = [.. cube.Bands, targetBand], Planes = planes };
    }

    public static RasterCube FilterBands(RasterCube cube, IReadOnlyList<string> bands)
    {
        if (cube.Bands is null) throw new OpenEoException("DimensionMissing", "filter_bands: the cube has no bands dimension.");
        var indices = bands.Select(b => IndexOf(cube.Bands, b, "BandFilterParameterInvalid", "filter_bands")).ToList();
        var planes = new List<float[]>();
        for (var t = 0; t < cube.TimeCount; t++)
            planes.AddRange(indices.Select(b => cube.Plane(t, b)));
        return cube with { Bands = bands.ToList(), Planes = planes };
    }

    public static RasterCube FilterTemporal(RasterCube cube, DateTimeOffset? start, DateTimeOffset? end)
    {
        if (cube.Times is null) throw new OpenEoException("DimensionNotAvailable", "filter_temporal: the cube has no temporal dimension.");
        var keep = Enumerable.Range(0, cube.TimeCount).Where(t => (start is null || cube.Times[t] >= start) && (end is null || cube.Times[t] < end)).ToList();
        var planes = keep.SelectMany(t => Enumerable.Range(0, cube.BandCount).Select(b => cube.Plane(t, b))).ToList();
        return cube with { Times = keep.Select(t => cube.Times[t]).ToList(), Planes = planes };
    }

    public static RasterCube FilterBbox(RasterCube cube, CollectionLoader.Box box)
    {
        var (x0, y0, x1, y1) = CollectionLoader.InGrid(box, cube.Grid);
        var window = cube.Grid.WindowOf(x0, y0, x1, y1)
            ?? throw new OpenEoException("NoDataAvailable", "filter_bbox: the bounding box does not overlap the cube.");
        var grid = cube.Grid.Crop(window);
        var planes = cube.Planes.Select(p =>
        {
            var cropped = new float[grid.Pixels];
            for (var y = 0; y < window.Height; y++)
                p.AsSpan((window.Y + y) * cube.Grid.Width + window.X, window.Width).CopyTo(cropped.AsSpan(y * window.Width, window.Width));
            return cropped;
        }).ToList();
        return cube with { Grid = grid, Planes = planes };
    }

    public static RasterCube Mask(RasterCube data, RasterCube mask, object? replacement, RunContext run)
    {
        if (!data.Grid.SameAs(mask.Grid))
            throw new OpenEoException("FeatureUnsupported", "mask: the mask must be on the data's grid (resample it with resample_spatial first).");
        if (mask.Times is not null && (data.Times is null || !mask.Times.SequenceEqual(data.Times)))
            throw new OpenEoException("DimensionMismatch", "mask: the mask's time labels differ from the data's.");
        if (mask.Bands is not null && (data.Bands is null || !mask.Bands.SequenceEqual(data.Bands)))
            throw new OpenEoException("DimensionMismatch", "mask: the mask's band labels differ from the data's.");
        var builder = new PixelProgramBuilder(2);
        var value = replacement switch
        {
            null => builder.Constant(float.NaN),
            double d => builder.Constant((float)d),
            bool b => builder.Constant(b ? 1 : 0),
            _ => throw new OpenEoException("ProcessParameterInvalid", "mask: the replacement must be a number, boolean or null."),
        };
        var result = builder.Temporary();
        builder.Emit(new SelectOp(1, value.Register, 0, result.Register));
        var program = builder.Build(result);
        var outputs = data.Planes.Select(_ => new float[data.Grid.Pixels]).ToArray();
        var jobs = new List<PixelJob>();
        for (var t = 0; t < data.TimeCount; t++)
            for (var b = 0; b < data.BandCount; b++)
                jobs.Add(new PixelJob([data.Plane(t, b), mask.Plane(mask.Times is null ? 0 : t, mask.Bands is null ? 0 : b)], outputs[t * data.BandCount + b]));
        Run(program, jobs, data.Grid, run);
        return data with { Planes = outputs };
    }

    public static RasterCube Merge(RasterCube a, RasterCube b, CallbackGraph? resolver, object? context, RunContext run)
    {
        if (!a.Grid.SameAs(b.Grid))
            throw new OpenEoException("FeatureUnsupported", "merge_cubes: the cubes must share one grid (resample one with resample_spatial first).");
        if ((a.Times is null) != (b.Times is null) || (a.Bands is null) != (b.Bands is null))
            throw new OpenEoException("FeatureUnsupported", "merge_cubes: the cubes must have the same dimensions.");
        var times = a.Times is null ? null : a.Times.Union(b.Times!).Order().ToList();
        var bands = a.Bands is null ? null : a.Bands.Union(b.Bands!).ToList();
        var program = resolver is null ? null : CallbackCompiler.Compile(resolver.ProcessGraph,
            resolver.Parameters(new Dictionary<string, object?> { ["x"] = new PixelValue(0), ["y"] = new PixelValue(1), ["context"] = context }), 2, run.Request.UserProcesses);
        var planes = new float[(times?.Count ?? 1) * (bands?.Count ?? 1)][];
        var jobs = new List<PixelJob>();
        for (var t = 0; t < (times?.Count ?? 1); t++)
            for (var c = 0; c < (bands?.Count ?? 1); c++)
            {
                var pa = PlaneAt(a, times?[t], bands?[c]);
                var pb = PlaneAt(b, times?[t], bands?[c]);
                var index = t * (bands?.Count ?? 1) + c;
                if (pa is not null && pb is not null)
                {
                    if (program is null)
                        throw new OpenEoException("OverlapResolverMissing", "merge_cubes: the cubes overlap; an overlap_resolver is required.");
                    planes[index] = new float[a.Grid.Pixels];
                    jobs.Add(new PixelJob([pa, pb], planes[index]));
                }
                else planes[index] = pa ?? pb ?? Empty(a.Grid);
            }
        if (program is not null) Run(program, jobs, a.Grid, run);
        return a with { Times = times, Bands = bands, Planes = planes };
    }

    public static RasterCube ResampleSpatial(RasterCube cube, object? resolution, object? projection, string method, RunContext run)
    {
        if (projection is not null && !(projection is double code && (int)code == cube.Grid.Epsg))
            throw new OpenEoException("FeatureUnsupported", "resample_spatial: reprojection is not supported; only a change of resolution in the cube's CRS.");
        var (rx, ry) = resolution switch
        {
            double r => (r, r),
            List<object?> { Count: 2 } l when l[0] is double x && l[1] is double y => (x, y),
            null => (0d, 0d),
            _ => throw new OpenEoException("ProcessParameterInvalid", "resample_spatial: resolution must be a number or two numbers."),
        };
        var g = cube.Grid.GeoTransform;
        if (rx == 0) rx = Math.Abs(g[1]);
        if (ry == 0) ry = Math.Abs(g[5]);
        if (rx < 0 || ry < 0) throw new OpenEoException("ProcessParameterInvalid", "resample_spatial: resolution must be positive.");
        if (Math.Abs(rx - Math.Abs(g[1])) < 1e-12 && Math.Abs(ry - Math.Abs(g[5])) < 1e-12) return cube;
        if (method is not ("near" or "average"))
            throw new OpenEoException("FeatureUnsupported", $"resample_spatial: method '{method}' is not supported (near, average are).");
        var (minX, minY, maxX, maxY) = cube.Grid.Bounds;
        var width = Math.Max(1, (int)Math.Ceiling((maxX - minX) / rx - 1e-9));
        var height = Math.Max(1, (int)Math.Ceiling((maxY - minY) / ry - 1e-9));
        var grid = cube.Grid with { GeoTransform = [minX, rx, 0, maxY, 0, -ry], Width = width, Height = height };
        var outputs = cube.Planes.Select(_ => new float[grid.Pixels]).ToArray();
        const int rowsPerStrip = 64;
        var strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        var counter = run.StripCounter(strips * cube.Planes.Count);
        var (sw, sh, sx, sy) = (cube.Grid.Width, cube.Grid.Height, Math.Abs(g[1]), Math.Abs(g[5]));
        StripWorkers.Run(strips * cube.Planes.Count, () => 0, (index, _) =>
        {
            var (source, target) = (cube.Planes[index / strips], outputs[index / strips]);
            var y0 = index % strips * rowsPerStrip;
            for (var y = y0; y < Math.Min(height, y0 + rowsPerStrip); y++)
                for (var x = 0; x < width; x++)
                {
                    if (method == "near")
                    {
                        var c = (int)Math.Floor((x + 0.5) * rx / sx);
                        var r = (int)Math.Floor((y + 0.5) * ry / sy);
                        target[y * width + x] = c < sw && r < sh ? source[r * sw + c] : float.NaN;
                        continue;
                    }
                    // Average of the valid source pixels whose centres lie in the target pixel.
                    var c0 = (int)Math.Ceiling(x * rx / sx - 0.5);
                    var c1 = Math.Min(sw - 1, (int)Math.Ceiling((x + 1) * rx / sx - 0.5) - 1);
                    var r0 = (int)Math.Ceiling(y * ry / sy - 0.5);
                    var r1 = Math.Min(sh - 1, (int)Math.Ceiling((y + 1) * ry / sy - 0.5) - 1);
                    if (c1 < c0 || r1 < r0)
                    {
                        var c = Math.Min(sw - 1, (int)Math.Floor((x + 0.5) * rx / sx));
                        var r = Math.Min(sh - 1, (int)Math.Floor((y + 0.5) * ry / sy));
                        target[y * width + x] = source[r * sw + c];
                        continue;
                    }
                    double sum = 0;
                    var n = 0;
                    for (var r = r0; r <= r1; r++)
                        for (var c = c0; c <= c1; c++)
                        {
                            var v = source[r * sw + c];
                            if (float.IsNaN(v)) continue;
                            sum += v;
                            n++;
                        }
                    target[y * width + x] = n == 0 ? float.NaN : (float)(sum / n);
                }
            counter();
        }, _ => { }, run.CancellationToken);
        return cube with { Grid = grid, Planes = outputs };
    }

    private static float[]? PlaneAt(RasterCube cube, DateTimeOffset? time, string? band)
    {
        var t = time is null ? 0 : cube.Times!.ToList().IndexOf(time.Value);
        var b = band is null ? 0 : cube.Bands!.ToList().IndexOf(band);
        return t < 0 || b < 0 ? null : cube.Plane(t, b);
    }

    private static float[] Empty(CubeGrid grid)
    {
        var plane = new float[grid.Pixels];
        Array.Fill(plane, float.NaN);
        return plane;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label, string code, string process)
    {
        for (var i = 0; i < labels.Count; i++)
            if (labels[i] == label) return i;
        throw new OpenEoException(code, $"{process}: the cube has no band '{label}' (it has {string.Join(", ", labels)}).");
    }

    private static PixelProgram Compile(CallbackGraph reducer, int count, IReadOnlyList<string> labels, object? context, RunContext run) =>
        CallbackCompiler.Compile(reducer.ProcessGraph, reducer.Parameters(new Dictionary<string, object?>
        {
            ["data"] = new PixelArray(Enumerable.Range(0, count).Select(i => (object?)new PixelValue(i)).ToList(), labels),
            ["context"] = context,
        }), count, run.Request.UserProcesses);

    private static void Run(PixelProgram program, IReadOnlyList<PixelJob> jobs, CubeGrid grid, RunContext run)
    {
        var strips = (grid.Pixels + PixelProgram.StripPixels - 1) / PixelProgram.StripPixels;
        program.Run(jobs, grid.Pixels, run.CancellationToken, run.StripCounter(strips * jobs.Count));
    }
}
