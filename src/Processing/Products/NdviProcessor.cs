using Actors.Abstractions;
using Actors.Raster;
using Actors.Raster.Algorithms;
using Actors.Raster.Cog;
using Actors.Raster.Native;

namespace Actors.Processing.Products;

/// <summary>
/// NDVI = (nir − red) / (nir + red) as an int16 COG of NDVI × 10,000 (scale <see cref="Scale"/>, nodata
/// <see cref="NoData"/>), the convention of MODIS and other NDVI products: four decimals, finer than
/// the 1e-4 quantization of the reflectances it comes from, at half the bytes of float32 to compress
/// and write. Strips are computed on all cores and streamed into the COG writer, which compresses
/// their tiles as they come.
/// </summary>
public sealed class NdviProcessor : IProductProcessor
{
    /// <summary>Nodata value of the stored integers.</summary>
    public const short NoData = short.MinValue;

    /// <summary>NDVI = stored × Scale.</summary>
    public const double Scale = 1e-4;

    private static readonly string[] Bands = ["nir", "red"];

    /// <inheritdoc />
    public string Name => ProductNames.Ndvi;

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
        Directory.CreateDirectory(input.OutputDirectory);
        var cogPath = Path.Combine(input.OutputDirectory, input.OutputName + ".tif");
        var range = new MinMax();
        TimeSpan computed;
        var georeference = ProductRaster.Georeference(reader);
        clock.Mark("open");
        using (var writer = CogWriter.ForScaled(cogPath, plan.Width, plan.Height, georeference, NoData, Scale, 0))
        {
            reader.ForEachStrip<ushort, StripState>(
                () => new StripState(plan.Width * plan.StripHeight),
                (strip, state) =>
                {
                    var ndvi = state.Values.Slice(0, strip.Length);
                    NormalizedDifference.ComputeScaled(strip.Band(0), strip.Band(1), ndvi, noData, NoData, (float)(1 / Scale), ref state.Min, ref state.Max);
                    writer.WriteStrip(strip.Row, strip.Rows, ndvi);
                },
                state =>
                {
                    state.Dispose();
                    lock (range)
                    {
                        if (state.Min > state.Max) return;
                        range.Add(state.Min);
                        range.Add(state.Max);
                    }
                },
                cancellationToken);
            computed = clock.Elapsed;
            clock.Mark("decode + tiles");
            writer.Complete(clock);
        }

        var pngPath = Path.Combine(input.OutputDirectory, input.OutputName + ".png");
        using (var cog = RasterDataset.Open(cogPath))
            Quicklook.Write<short>(cog, pngPath, Colour);
        var footprint = ProductRaster.Footprint(cogPath);
        clock.Mark("quicklook");
        clock.Report();

        return new ProductOutput(
            cogPath, pngPath, footprint, "int16", NoData,
            new Dictionary<string, object?>
            {
                ["ndvi:min"] = range.HasValues ? range.Min : null,
                ["ndvi:max"] = range.HasValues ? range.Max : null,
                ["ndvi:compute_seconds"] = computed.TotalSeconds,
                ["ndvi:total_seconds"] = clock.Elapsed.TotalSeconds,
            },
            Scale, 0);
    }

    /// <summary>Brown (bare) through yellow to green (dense vegetation); water and nodata stand out.</summary>
    // Called for every quicklook pixel, too soon for tiered compilation to have optimized it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static uint Colour(short stored)
    {
        if (stored == NoData) return 0x00000000u;
        var v = (float)(stored * Scale);
        var t = Math.Clamp((v + 0.2f) / 1.1f, 0f, 1f);
        byte r, g, b;
        if (t < 0.5f)
        {
            var k = t / 0.5f;
            (r, g, b) = ((byte)(140 + 100 * k), (byte)(90 + 130 * k), (byte)(40 + 20 * k));
        }
        else
        {
            var k = (t - 0.5f) / 0.5f;
            (r, g, b) = ((byte)(240 - 200 * k), (byte)(220 - 80 * k), (byte)(60 - 20 * k));
        }
        return (uint)(r << 24 | g << 16 | b << 8 | 0xff);
    }

    private sealed class StripState(int pixels) : IDisposable
    {
        // Huge pages: a strip of fresh 4 KiB pages per worker costs thousands of page faults.
        public NativeBuffer<short> Values { get; } = new(pixels);
        public float Min = float.PositiveInfinity;
        public float Max = float.NegativeInfinity;

        public void Dispose() => Values.Dispose();
    }
}
