using Actors.Abstractions;
using Actors.Raster;
using Actors.Raster.Algorithms;
using Actors.Raster.Cog;

namespace Actors.Processing.Products;

/// <summary>
/// NDVI = (nir − red) / (nir + red) as a float32 COG with nodata <see cref="NoData"/>. Strips are
/// computed on all cores and streamed into the COG writer, which compresses their tiles as they come.
/// </summary>
public sealed class NdviProcessor : IProductProcessor
{
    /// <summary>Nodata value of the output (kept finite so STAC JSON can carry it).</summary>
    public const float NoData = -9999f;

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
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reader = ProductRaster.OpenReader(ProductRaster.RequireBands(input, Bands, Name), Bands);
        var plan = reader.Plan;
        var noData = reader.NoData is { } nd ? (ushort?)nd : null;
        Directory.CreateDirectory(input.OutputDirectory);
        var cogPath = Path.Combine(input.OutputDirectory, input.OutputName + ".tif");
        var range = new MinMax();
        var computed = TimeSpan.Zero;
        var georeference = ProductRaster.Georeference(reader);
        using (var writer = CogWriter.ForContinuous(cogPath, plan.Width, plan.Height, georeference, NoData))
        {
            reader.ForEachStrip<ushort, StripState>(
                () => new StripState(plan.Width * plan.StripHeight),
                (strip, state) =>
                {
                    var ndvi = state.Values.AsSpan(0, strip.Length);
                    NormalizedDifference.Compute(strip.Band(0), strip.Band(1), ndvi, noData);
                    for (var i = 0; i < ndvi.Length; i++)
                    {
                        if (float.IsNaN(ndvi[i])) ndvi[i] = NoData;
                        else state.Range.Add(ndvi[i]);
                    }
                    writer.WriteStrip(strip.Row, strip.Rows, ndvi);
                },
                state => { lock (range) range.Add(state.Range); },
                cancellationToken);
            computed = clock.Elapsed;
            writer.Complete();
        }

        var pngPath = Path.Combine(input.OutputDirectory, input.OutputName + ".png");
        using (var cog = RasterDataset.Open(cogPath))
            Quicklook.Write<float>(cog, pngPath, Colour);

        return new ProductOutput(
            cogPath, pngPath, ProductRaster.Footprint(cogPath), "float32", NoData,
            new Dictionary<string, object?>
            {
                ["ndvi:min"] = range.HasValues ? range.Min : null,
                ["ndvi:max"] = range.HasValues ? range.Max : null,
                ["ndvi:compute_seconds"] = computed.TotalSeconds,
                ["ndvi:total_seconds"] = clock.Elapsed.TotalSeconds,
            });
    }

    /// <summary>Brown (bare) through yellow to green (dense vegetation); water and nodata stand out.</summary>
    private static uint Colour(float v)
    {
        if (v == NoData || float.IsNaN(v)) return 0x00000000u;
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

    private sealed class StripState(int pixels)
    {
        public float[] Values { get; } = new float[pixels];
        public MinMax Range { get; } = new();
    }
}
