using System.Diagnostics;
using Actors.Abstractions;
using Actors.Raster;
using Actors.Raster.Algorithms;
using Actors.Raster.Cog;

namespace Actors.Processing.Products;

/// <summary>
/// Water bodies: NDWI = (green − nir) / (green + nir), thresholded with Otsu's method; uint8 COG with
/// 1 water, 0 land, 255 nodata. The inputs are decoded once: each strip's NDWI goes into a 16-bit code
/// per pixel and a code histogram, from which the global Otsu threshold follows; the mask is then
/// made strip by strip from the codes and streamed into the COG writer.
/// </summary>
public sealed class WaterBodiesProcessor : IProductProcessor
{
    /// <summary>Mask value of water.</summary>
    public const byte Water = 1;
    /// <summary>Mask value of land.</summary>
    public const byte Land = 0;
    /// <summary>Mask value where the input is nodata.</summary>
    public const byte NoData = 255;

    private static readonly string[] Bands = ["green", "nir"];

    /// <inheritdoc />
    public string Name => ProductNames.WaterBodies;

    /// <inheritdoc />
    public string Version => "1.0.0";

    /// <inheritdoc />
    public IReadOnlyList<string> RequiredBands => Bands;

    /// <inheritdoc />
    public Task<ProductOutput> RunAsync(ProductInput input, CancellationToken cancellationToken) =>
        Task.Run(() => Run(input, cancellationToken), cancellationToken);

    private ProductOutput Run(ProductInput input, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var reader = ProductRaster.OpenReader(ProductRaster.RequireBands(input, Bands, Name), Bands);
        var plan = reader.Plan;
        var noData = reader.NoData is { } nd ? (ushort?)nd : null;
        var codes = GC.AllocateUninitializedArray<ushort>(plan.Width * plan.Height);
        var histogram = new long[IndexQuantizer.Codes];
        var range = new MinMax();

        reader.ForEachStrip<ushort, StripState>(
            () => new StripState(plan.Width * plan.StripHeight),
            (strip, state) =>
            {
                var ndwi = state.Ndwi.AsSpan(0, strip.Length);
                NormalizedDifference.Compute(strip.Band(0), strip.Band(1), ndwi, noData);
                IndexQuantizer.EncodeAndCount(ndwi, codes.AsSpan(strip.Row * plan.Width, strip.Length), state.Histogram, ref state.Min, ref state.Max);
            },
            state =>
            {
                lock (histogram)
                {
                    for (var c = 0; c < histogram.Length; c++) histogram[c] += state.Histogram[c];
                    if (state.Min <= state.Max)
                    {
                        range.Add(state.Min);
                        range.Add(state.Max);
                    }
                }
            },
            cancellationToken);
        var decoded = clock.Elapsed;

        if (!range.HasValues)
            throw new ProcessingException("Every pixel of the scene is nodata; there is nothing to threshold.");
        var threshold = ThresholdFromCodes(histogram, range.Min, range.Max);
        var lookup = new byte[IndexQuantizer.Codes];
        lookup[IndexQuantizer.NoData] = NoData;
        long waterPixels = 0;
        for (var c = 1; c < lookup.Length; c++)
        {
            lookup[c] = IndexQuantizer.Decode(c) > threshold ? Water : Land;
            if (lookup[c] == Water) waterPixels += histogram[c];
        }
        var validPixels = histogram.Skip(1).Sum();

        Directory.CreateDirectory(input.OutputDirectory);
        var cogPath = Path.Combine(input.OutputDirectory, input.OutputName + ".tif");
        var georeference = ProductRaster.Georeference(reader);
        using (var writer = CogWriter.ForClasses(cogPath, plan.Width, plan.Height, georeference, NoData))
        {
            StripWorkers.Run(plan.Count,
                () => new byte[plan.Width * plan.StripHeight],
                (index, mask) =>
                {
                    var (row, rows) = plan[index];
                    var source = codes.AsSpan(row * plan.Width, plan.Width * rows);
                    for (var i = 0; i < source.Length; i++) mask[i] = lookup[source[i]];
                    writer.WriteStrip(row, rows, mask.AsSpan(0, source.Length));
                },
                _ => { },
                cancellationToken);
            writer.Complete();
        }

        var pngPath = Path.Combine(input.OutputDirectory, input.OutputName + ".png");
        using (var cog = RasterDataset.Open(cogPath))
            Quicklook.Write<byte>(cog, pngPath, m => m switch
            {
                Water => 0x1f6fd0ffu,
                Land => 0xe8e0c8ffu,
                _ => 0x00000000u,
            });

        return new ProductOutput(
            cogPath, pngPath, ProductRaster.Footprint(cogPath), "uint8", NoData,
            new Dictionary<string, object?>
            {
                ["water-bodies:otsu_threshold"] = threshold,
                ["water-bodies:ndwi_min"] = range.Min,
                ["water-bodies:ndwi_max"] = range.Max,
                ["water-bodies:water_fraction"] = validPixels == 0 ? 0 : (double)waterPixels / validPixels,
                ["water-bodies:decode_seconds"] = decoded.TotalSeconds,
                ["water-bodies:total_seconds"] = clock.Elapsed.TotalSeconds,
            });
    }

    /// <summary>
    /// The Otsu threshold over the 256-bin histogram of [min, max], built from the code histogram: each
    /// code's pixels fall in the bin of the code's value (codes are ~250× finer than bins).
    /// </summary>
    public static double ThresholdFromCodes(ReadOnlySpan<long> codeHistogram, double min, double max)
    {
        var bins = new long[OtsuThreshold.Bins];
        for (var c = 1; c < codeHistogram.Length; c++)
        {
            if (codeHistogram[c] == 0) continue;
            var value = Math.Clamp(IndexQuantizer.Decode(c), min, max);
            bins[OtsuThreshold.BinOf(value, min, max)] += codeHistogram[c];
        }
        return OtsuThreshold.FromHistogram(bins, min, max);
    }

    private sealed class StripState(int pixels)
    {
        public float[] Ndwi { get; } = new float[pixels];
        public long[] Histogram { get; } = new long[IndexQuantizer.Codes];
        public float Min = float.PositiveInfinity;
        public float Max = float.NegativeInfinity;
    }
}
