using Actors.Abstractions;
using System.Globalization;
using Actors.Raster;
using Actors.Raster.Cog;
using Actors.Processing.Hrefs;
using Actors.Raster.Gdal;

namespace Actors.Processing.Staging;

/// <summary>
/// Crops each band to the AOI's pixel window (no resampling: Sentinel-2's 10 m bands share a grid)
/// and writes it as a COG. uint16 bands on an EPSG grid (Sentinel-2 reflectances) go through the
/// products' fast path: strips decoded on every core (local DEFLATE blocks inflated directly) and
/// streamed into our COG writer as DEFLATE with a predictor, which the products read back the same
/// way. Other bands go through gdal_translate, which streams block by block in bounded memory. A
/// local source that is already a COG and needs no crop is copied byte for byte: nothing to decode.
/// Every band href passes the href policy again right before GDAL opens it (<see cref="AssetLocator"/>).
/// </summary>
public sealed class SceneStager(AssetLocator assets) : ISceneStager
{
    // Image formats only: a VRT (or another format naming further files) would have GDAL read hrefs the policy never saw.
    private static readonly string[] AssetDrivers = ["GTiff", "JP2OpenJPEG"];

    /// <inheritdoc />
    public async Task<StagedScene> StageAsync(StagingRequest request, CancellationToken cancellationToken)
    {
        if (request.BandSources.Count == 0) throw new ProcessingException("There are no bands to stage.");
        var gdalPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (band, href) in request.BandSources)
        {
            try
            {
                gdalPaths[band] = await assets.ToGdalPathAsync(href, cancellationToken);
            }
            catch (HrefRefusedException e)
            {
                throw new ProcessingException($"Cannot read band {band}: {e.Message}", e);
            }
        }
        return await Task.Run(() => Stage(gdalPaths, request, cancellationToken), cancellationToken);
    }

    private static StagedScene Stage(IReadOnlyDictionary<string, string> gdalPaths, StagingRequest request, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        var sources = gdalPaths.ToDictionary(kv => kv.Key, kv => Open(kv.Key, kv.Value));
        try
        {
            var (reference, referenceName) = (sources.First().Value, sources.First().Key);
            foreach (var (name, dataset) in sources) RequireSameGrid(referenceName, reference, name, dataset);
            var window = request.Aoi is null ? RasterWindow.Whole(reference.Width, reference.Height) : WindowOf(reference, request.Aoi);

            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            RasterFootprint? footprint = null;
            foreach (var (name, dataset) in sources)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var path = Path.Combine(request.OutputDirectory, name + ".tif");
                if (request.Aoi is null && dataset.IsCloudOptimized && File.Exists(dataset.Name))
                {
                    File.Copy(dataset.Name, path, overwrite: true);
                    files[name] = path;
                    footprint ??= Footprints.Of(dataset);
                    continue;
                }
                try
                {
                    if (!TryCropInParallel(dataset, window, path, cancellationToken)) Translate(dataset, window, path);
                }
                catch (Exception e) when (e is GdalException or InvalidDataException)
                {
                    throw new ProcessingException($"Cannot stage band {name} from '{dataset.Name}': {e.Message}", e);
                }
                files[name] = path;
                if (footprint is null)
                {
                    using var written = RasterDataset.Open(path);
                    footprint = Footprints.Of(written);
                }
            }
            return new StagedScene(files, footprint!);
        }
        finally
        {
            foreach (var dataset in sources.Values) dataset.Dispose();
        }
    }

    // uint16 on an EPSG-coded north-up grid: our reader and COG writer. False when the band is anything else.
    private static bool TryCropInParallel(RasterDataset dataset, RasterWindow window, string path, CancellationToken cancellationToken)
    {
        if (dataset.BandCount != 1 || dataset.DataType() != PixelType.UInt16) return false;
        var t = dataset.GeoTransform;
        double[] cropped = [t[0] + window.X * t[1] + window.Y * t[2], t[1], t[2], t[3] + window.X * t[4] + window.Y * t[5], t[4], t[5]];
        if (CogGeoreference.Of(dataset.ProjectionWkt, cropped) is not { } georeference) return false;

        var reader = new ParallelBandReader([dataset.Name], window: window);
        var noData = dataset.NoData() is { } nd && nd is >= ushort.MinValue and <= ushort.MaxValue && nd == Math.Floor(nd) ? (ushort?)nd : null;
        using var writer = CogWriter.ForReflectance(path, window.Width, window.Height, georeference, noData);
        reader.ForEachStrip<ushort, object?>(() => null, (strip, _) => writer.WriteStrip(strip.Row, strip.Rows, strip.Band(0)), _ => { }, cancellationToken);
        writer.Complete();
        return true;
    }

    private static void Translate(RasterDataset dataset, RasterWindow window, string path)
    {
        var arguments = new List<string> { "-of", "COG", "-srcwin" };
        arguments.AddRange(new[] { window.X, window.Y, window.Width, window.Height }.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        arguments.AddRange(CogOptions.AsTranslateArguments(dataset.DataType(), "AVERAGE"));
        dataset.Translate(path, arguments);
    }

    private static RasterDataset Open(string band, string source)
    {
        try
        {
            return RasterDataset.Open(source, allowedDrivers: AssetDrivers);
        }
        catch (GdalException e)
        {
            throw new ProcessingException($"Cannot read band {band} from '{EchoedText.Of(source)}': {e.Message}", e);
        }
    }

    private static void RequireSameGrid(string referenceName, RasterDataset reference, string name, RasterDataset other)
    {
        var a = reference.GeoTransform;
        var b = other.GeoTransform;
        var sameTransform = a.Zip(b).All(p => Math.Abs(p.First - p.Second) < 1e-6 * Math.Max(1, Math.Abs(p.First)));
        if (reference.Width != other.Width || reference.Height != other.Height || !sameTransform)
            throw new ProcessingException(
                $"Band {name} ({other.Width}x{other.Height}) is not on the grid of band {referenceName} ({reference.Width}x{reference.Height}); bands must share one grid.");
    }

    /// <summary>The pixel window covering the WGS84 AOI, clipped to the raster.</summary>
    internal static RasterWindow WindowOf(RasterDataset dataset, double[] aoi)
    {
        var t = dataset.GeoTransform;
        if (t[2] != 0 || t[4] != 0) throw new ProcessingException("Rotated rasters cannot be cropped to an AOI.");
        using var wgs84 = SpatialReference.Wgs84();
        using var crs = dataset.SpatialReference();
        var (minX, minY, maxX, maxY) = wgs84.TransformBounds(crs, aoi[0], aoi[1], aoi[2], aoi[3]);
        var col0 = (int)Math.Floor((minX - t[0]) / t[1]);
        var col1 = (int)Math.Ceiling((maxX - t[0]) / t[1]);
        var row0 = (int)Math.Floor((maxY - t[3]) / t[5]);
        var row1 = (int)Math.Ceiling((minY - t[3]) / t[5]);
        col0 = Math.Max(col0, 0);
        row0 = Math.Max(row0, 0);
        col1 = Math.Min(col1, dataset.Width);
        row1 = Math.Min(row1, dataset.Height);
        if (col1 <= col0 || row1 <= row0)
            throw new ProcessingException(
                $"The AOI [{string.Join(", ", aoi.Select(v => v.ToString(CultureInfo.InvariantCulture)))}] does not intersect the scene.");
        return new RasterWindow(col0, row0, col1 - col0, row1 - row0);
    }
}
