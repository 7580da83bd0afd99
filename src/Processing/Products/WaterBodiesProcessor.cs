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
        var clock = new StageClock(Name);
        var reader = ProductRaster.OpenReader(ProductRaster.RequireBands(input, Bands, Name), Bands);
        var plan = reader.Plan;
        var noData = reader.NoData is { } nd ? (ushort?)nd : null;
        using var codes = new Raster.Native.NativeBuffer<ushort>((long)plan.Width * plan.Height);
        var histogram = new long[IndexQuantizer.Codes];
        var range = new MinMax();
        clock.Mark("open");

        reader.ForEachStrip<ushort, StripState>(
            () => new StripState(),
            (strip, state) =>
            {
                NormalizedDifferenceCodes.EncodeAndCount(strip.Band(0), strip.Band(1), noData,
                    codes.Slice((long)strip.Row * plan.Width, strip.Length), state.Histogram, ref state.Min, ref state.Max);
                state.Counted += strip.Length;
                if (state.Counted > int.MaxValue) state.Flush();
            },
            state =>
            {
                state.Flush();
                lock (histogram)
                {
                    for (var c = 0; c < histogram.Length; c++) histogram[c] += state.Total[c];
                    if (state.Min <= state.Max)
                    {
                        range.Add(state.Min);
                        range.Add(state.Max);
                    }
                }
            },
            cancellationToken);
        var decoded = clock.Elapsed;
        clock.Mark("decode + codes");

        if (!range.HasValues)
            throw new ProcessingException("Every pixel of the scene is nodata; there is nothing to threshold.");
        var threshold = ThresholdFromCodes(histogram, range.Min, range.Max);
        var firstWater = IndexMask.FirstCodeAbove(threshold);
        long waterPixels = 0;
        for (var c = firstWater; c < histogram.Length; c++) waterPixels += histogram[c];
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
                    var strip = mask.AsSpan(0, plan.Width * rows);
                    IndexMask.Classify(codes.Slice((long)row * plan.Width, strip.Length), firstWater, strip, Land, Water, NoData);
                    writer.WriteStrip(row, rows, strip);
                },
                _ => { },
                cancellationToken);
            clock.Mark("mask + tiles");
            writer.Complete(clock);
        }

        var pngPath = Path.Combine(input.OutputDirectory, input.OutputName + ".png");
        using (var cog = RasterDataset.Open(cogPath))
            Quicklook.Write<byte>(cog, pngPath, m => m switch
            {
                Water => 0x1f6fd0ffu,
                Land => 0xe8e0c8ffu,
                _ => 0x00000000u,
            });
        var footprint = ProductRaster.Footprint(cogPath);
        clock.Mark("quicklook");
        clock.Report();

        return new ProductOutput(
            cogPath, pngPath, footprint, "uint8", NoData,
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

    /// <summary>A worker's counts: 32-bit while a strip is counted (half the cache footprint), summed into 64-bit totals.</summary>
    private sealed class StripState
    {
        public uint[] Histogram { get; } = new uint[IndexQuantizer.Codes];
        public long[] Total { get; } = new long[IndexQuantizer.Codes];
        public long Counted;
        public float Min = float.PositiveInfinity;
        public float Max = float.NegativeInfinity;

        public void Flush()
        {
            for (var c = 0; c < Histogram.Length; c++) Total[c] += Histogram[c];
            Array.Clear(Histogram);
            Counted = 0;
        }
    }
}
