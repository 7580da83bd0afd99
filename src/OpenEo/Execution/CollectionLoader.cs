using System.Globalization;
using Actors.OpenEo.Cubes;
using Actors.Raster;
using Actors.Raster.Cog;

namespace Actors.OpenEo.Execution;

/// <summary>
/// <c>load_collection</c>: finds the items, filters them by their properties, puts items of one
/// timestamp into one time step (first valid value wins) and reads their bands, windowed to the
/// bounding box, onto the first item's grid.
/// </summary>
internal static class CollectionLoader
{
    public static async Task<RasterCube> LoadAsync(IReadOnlyDictionary<string, object?> a, RunContext run)
    {
        var id = a.GetValueOrDefault("id") as string ?? throw new OpenEoException("ProcessParameterRequired", "load_collection: id is required.");
        var bbox = SpatialExtent(a.GetValueOrDefault("spatial_extent"));
        var (start, end) = GraphValues.TemporalExtent(a.GetValueOrDefault("temporal_extent"), "load_collection");
        var bands = a.GetValueOrDefault("bands") switch
        {
            null => null,
            List<object?> list => list.Select(b => b as string ?? throw new OpenEoException("ProcessParameterInvalid", "load_collection: bands must be strings.")).ToList(),
            _ => throw new OpenEoException("ProcessParameterInvalid", "load_collection: bands must be an array of band names."),
        };
        var filters = PropertyFilter.From(a.GetValueOrDefault("properties"));

        var wgs84Box = bbox is null ? null : ToWgs84(bbox.Value);
        var found = await run.Request.Collections.FindAsync(new CollectionQuery(id, wgs84Box, start, end, bands), run.CancellationToken).ConfigureAwait(false);
        var items = found.Where(item => filters.All(f => f.Matches(item.Properties))).ToList();
        if (items.Count == 0)
            throw new OpenEoException("NoDataAvailable", $"load_collection: collection '{id}' has no items in the requested extent{(filters.Count > 0 ? " matching the property filters" : "")}.", 400);
        var bandNames = bands ?? items[0].Bands.Select(b => b.Name).ToList();
        if (bandNames.Count == 0) throw new OpenEoException("NoDataAvailable", $"load_collection: collection '{id}' has no bands.");

        var grid = TargetGrid(items, bbox)
            ?? throw new OpenEoException("NoDataAvailable", $"load_collection: the spatial extent does not overlap the data of '{id}'.");
        var times = items.GroupBy(i => i.Datetime).OrderBy(g => g.Key).ToList();
        CheckSize(grid, times.Count, bandNames.Count, id);
        run.Log("info", string.Create(CultureInfo.InvariantCulture,
            $"load_collection '{id}': {items.Count} item(s) in {times.Count} time step(s), bands {string.Join(", ", bandNames)}, grid {grid.Width}x{grid.Height} in EPSG:{grid.Epsg}."));

        var planes = new float[times.Count * bandNames.Count][];
        var total = times.Sum(g => g.Count()) * bandNames.Count;
        var done = 0;
        for (var t = 0; t < times.Count; t++)
            for (var b = 0; b < bandNames.Count; b++)
            {
                var plane = new float[grid.Pixels];
                Array.Fill(plane, float.NaN);
                var first = true;
                foreach (var item in times[t])
                {
                    var band = item.Bands.FirstOrDefault(x => x.Name == bandNames[b])
                        ?? throw new OpenEoException("ProcessParameterInvalid", $"load_collection: item '{item.Id}' has no band '{bandNames[b]}'.");
                    var strips = PlaneReader.StripCount(grid);
                    var stripsDone = 0;
                    var before = done;
                    var pixels = await Task.Run(() => PlaneReader.Read(band.GdalPath, band.Scale, band.Offset, grid, plane, !first, run.CancellationToken,
                        () => run.Progress((before + (double)Interlocked.Increment(ref stripsDone) / strips) / total)), run.CancellationToken).ConfigureAwait(false);
                    run.AddPixelsRead(pixels);
                    first = false;
                    run.Progress((double)++done / total);
                }
                planes[t * bandNames.Count + b] = plane;
            }
        return new RasterCube(grid, times.Select(g => g.Key).ToList(), bandNames, planes);
    }

    // The cube is held in memory as float32 planes: refuse one that would not fit, before allocating any of it.
    private static void CheckSize(CubeGrid grid, int times, int bands, string id)
    {
        var pixels = (long)grid.Width * grid.Height;
        var bytes = pixels * times * bands * sizeof(float);
        var budget = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 2 / 5;
        if (pixels <= Array.MaxLength && bytes <= budget) return;
        throw new OpenEoException("ProcessGraphComplexity", string.Create(CultureInfo.InvariantCulture,
            $"load_collection '{id}': {times} time step(s) x {bands} band(s) of {grid.Width}x{grid.Height} pixels need {bytes / 1e9:0.0} GB, more than this back-end holds ({budget / 1e9:0.0} GB); narrow the spatial or temporal extent or the bands."));
    }

    /// <summary>The box as given (west, south, east, north) and its CRS as an EPSG code.</summary>
    internal readonly record struct Box(double West, double South, double East, double North, int Epsg);

    internal static Box? SpatialExtent(object? value)
    {
        if (value is null) return null;
        if (value is not Dictionary<string, object?> d)
            throw new OpenEoException("ProcessParameterInvalid", "The spatial extent must be a bounding box object.");
        if (d.ContainsKey("type"))
            throw new OpenEoException("ProcessParameterUnsupported", "GeoJSON spatial extents are not supported; give a bounding box (west, south, east, north).");
        double Get(string key) => d.GetValueOrDefault(key) as double?
            ?? throw new OpenEoException("ProcessParameterInvalid", $"The bounding box lacks '{key}'.");
        var epsg = d.GetValueOrDefault("crs") switch
        {
            null => 4326,
            double code => (int)code,
            string s when s.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase) && int.TryParse(s.AsSpan(5), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) => code,
            string s when s.Contains("/EPSG/", StringComparison.OrdinalIgnoreCase) && int.TryParse(s[(s.LastIndexOf('/') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) => code,
            _ => throw new OpenEoException("ProcessParameterUnsupported", "The bounding box CRS must be an EPSG code."),
        };
        var box = new Box(Get("west"), Get("south"), Get("east"), Get("north"), epsg);
        if (box.West >= box.East || box.South >= box.North)
            throw new OpenEoException("ProcessParameterInvalid", "The bounding box must have west < east and south < north.");
        return box;
    }

    internal static double[] ToWgs84(Box box)
    {
        if (box.Epsg == 4326) return [box.West, box.South, box.East, box.North];
        using var from = SpatialReference.FromEpsg(box.Epsg);
        using var wgs84 = SpatialReference.Wgs84();
        var (w, s, e, n) = from.TransformBounds(wgs84, box.West, box.South, box.East, box.North);
        return [w, s, e, n];
    }

    /// <summary>The box in <paramref name="grid"/>'s CRS.</summary>
    internal static (double MinX, double MinY, double MaxX, double MaxY) InGrid(Box box, CubeGrid grid)
    {
        if (box.Epsg == grid.Epsg) return (box.West, box.South, box.East, box.North);
        using var from = SpatialReference.FromEpsg(box.Epsg);
        using var to = SpatialReference.FromWkt(grid.Wkt);
        return from.TransformBounds(to, box.West, box.South, box.East, box.North);
    }

    // The first item's pixel lattice over the union of the items' extents, cut to the box: items on other grids of the
    // same CRS are sampled onto it, and a first item that covers only part of the box does not cut the others off.
    private static CubeGrid? TargetGrid(IReadOnlyList<SourceItem> items, Box? box)
    {
        CubeGrid first;
        using (var dataset = RasterDataset.Open(items[0].Bands[0].GdalPath))
        {
            var georeference = CogGeoreference.Of(dataset.ProjectionWkt, dataset.GeoTransform)
                ?? throw new OpenEoException("FeatureUnsupported", "The collection's rasters have no EPSG code or a rotated grid.");
            first = new CubeGrid(georeference.Epsg, dataset.ProjectionWkt, dataset.GeoTransform, dataset.Width, dataset.Height);
        }
        var (minX, minY, maxX, maxY) = first.Bounds;
        foreach (var path in items.Skip(1).Select(i => i.Bands[0].GdalPath).Distinct())
        {
            using var dataset = RasterDataset.Open(path);
            using (var crs = dataset.SpatialReference())
                if (crs.Epsg != first.Epsg)
                    throw new OpenEoException("FeatureUnsupported", string.Create(CultureInfo.InvariantCulture,
                        $"load_collection: the items are in different coordinate reference systems (EPSG:{first.Epsg} and EPSG:{crs.Epsg}); reprojection between items is not supported. Narrow the spatial extent to one zone."));
            var t = dataset.GeoTransform;
            var x1 = t[0] + dataset.Width * t[1];
            var y1 = t[3] + dataset.Height * t[5];
            (minX, minY, maxX, maxY) = (Math.Min(minX, Math.Min(t[0], x1)), Math.Min(minY, Math.Min(t[3], y1)),
                Math.Max(maxX, Math.Max(t[0], x1)), Math.Max(maxY, Math.Max(t[3], y1)));
        }
        if (box is { } b)
        {
            var (bx0, by0, bx1, by1) = InGrid(b, first);
            (minX, minY, maxX, maxY) = (Math.Max(minX, bx0), Math.Max(minY, by0), Math.Min(maxX, bx1), Math.Min(maxY, by1));
            if (minX >= maxX || minY >= maxY) return null;
        }
        var g = first.GeoTransform;
        // Outwards to whole pixels of the lattice; an edge within a thousandth of a pixel of a pixel edge is on it.
        var c0 = (int)Math.Floor((minX - g[0]) / g[1] + 1e-3);
        var c1 = (int)Math.Ceiling((maxX - g[0]) / g[1] - 1e-3);
        var r0 = (int)Math.Floor((maxY - g[3]) / g[5] + 1e-3);
        var r1 = (int)Math.Ceiling((minY - g[3]) / g[5] - 1e-3);
        if (c1 <= c0 || r1 <= r0) return null;
        return first with { GeoTransform = [g[0] + c0 * g[1], g[1], 0, g[3] + r0 * g[5], 0, g[5]], Width = c1 - c0, Height = r1 - r0 };
    }
}
