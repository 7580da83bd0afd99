using Actors.Processing.Samples;
using Actors.Raster;

namespace Actors.OpenEo.Tests.Execution;

/// <summary>
/// Synthetic Sentinel-2-like scenes on disk (uint16 green, red and nir COGs, nodata 0, reflectance =
/// stored × 0.0001), one per seed, five days apart, and an <see cref="ICollectionReader"/> over them
/// as the collection <c>s2</c>. Generated once for all the tests of a class.
/// </summary>
public sealed class SceneCollection : IAsyncLifetime
{
    public const string Id = "s2";
    public const int Size = 256;
    public const int Epsg = 32633;
    public static readonly DateTimeOffset FirstDay = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "openeo-engine-tests-" + Guid.NewGuid().ToString("N"));

    public List<SampleScene> Scenes { get; } = [];

    public double[] GeoTransform { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var generator = new SyntheticSceneGenerator();
        for (var seed = 1; seed <= 5; seed++)
            Scenes.Add(await generator.GenerateAsync(Path.Combine(Directory, $"scene{seed}"), Size, seed));
        using var dataset = RasterDataset.Open(Scenes[0].BandPaths["red"]);
        GeoTransform = dataset.GeoTransform;
    }

    public Task DisposeAsync()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
        return Task.CompletedTask;
    }

    /// <summary>The items: scene k at <see cref="FirstDay"/> + 5k days, eo:cloud_cover 10k.</summary>
    public IReadOnlyList<SourceItem> Items() => Scenes.Select((scene, k) => new SourceItem(
        $"item{k}", FirstDay.AddDays(5 * k),
        new Dictionary<string, object?> { ["eo:cloud_cover"] = 10.0 * k, ["platform"] = k % 2 == 0 ? "sentinel-2a" : "sentinel-2b" },
        new[] { "green", "red", "nir" }.Select(b => new SourceBand(b, scene.BandPaths[b], 0.0001)).ToList())).ToList();

    /// <summary>A reader over <paramref name="items"/> (default: <see cref="Items"/>) that filters by time and band as a catalog would.</summary>
    public ICollectionReader Reader(IReadOnlyList<SourceItem>? items = null) => new ListCollectionReader(items ?? Items());

    /// <summary>Band 1 of a raster as uint16.</summary>
    public static ushort[] ReadAll(string path, out int width, out int height)
    {
        using var dataset = RasterDataset.Open(path);
        (width, height) = (dataset.Width, dataset.Height);
        var values = new ushort[width * height];
        dataset.Read<ushort>(1, 0, 0, width, height, values);
        return values;
    }

    /// <summary>Band <paramref name="band"/> of a result as float32.</summary>
    public static float[] ReadResult(string path, int band = 1)
    {
        using var dataset = RasterDataset.Open(path);
        var values = new float[dataset.Width * dataset.Height];
        dataset.Read<float>(band, 0, 0, dataset.Width, dataset.Height, values);
        return values;
    }

    private sealed class ListCollectionReader(IReadOnlyList<SourceItem> items) : ICollectionReader
    {
        public Task<IReadOnlyList<SourceItem>> FindAsync(CollectionQuery query, CancellationToken cancellationToken)
        {
            if (query.Collection != Id) throw new OpenEoException("CollectionNotFound", $"No collection '{query.Collection}'.", 404);
            IReadOnlyList<SourceItem> found = items
                .Where(i => (query.Start is null || i.Datetime >= query.Start) && (query.End is null || i.Datetime < query.End))
                .Select(i => query.Bands is null ? i : i with { Bands = query.Bands.Select(b => i.Bands.Single(x => x.Name == b)).ToList() })
                .OrderBy(i => i.Datetime).ToList();
            return Task.FromResult(found);
        }
    }
}
