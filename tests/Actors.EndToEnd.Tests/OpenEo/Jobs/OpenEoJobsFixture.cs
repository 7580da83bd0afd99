using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Abstractions.Api;
using Actors.Client;
using Actors.EndToEnd.Tests.Infrastructure;
using Actors.Processing.Samples;

namespace Actors.EndToEnd.Tests.OpenEo.Jobs;

/// <summary>
/// A silo with two users (API keys: <see cref="Alice"/> publishes and reads, <see cref="Bob"/> reads) and the
/// <c>scenes</c> collection holding <see cref="SceneCount"/> staged synthetic scenes of <see cref="SceneSize"/> pixels,
/// one day apart, published through the acquisitions API with the NDVI product (so red and nir are staged and the
/// NDVI product exists to compare against).
/// </summary>
public abstract class OpenEoJobsFixture : IAsyncLifetime
{
    /// <summary>Alice's API key (publisher).</summary>
    public const string AliceKey = "alice-openeo-key-0123456789";

    /// <summary>Bob's API key (reader).</summary>
    public const string BobKey = "bob-openeo-key-0123456789ab";

    private static readonly TimeSpan StagingTimeout = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _root;
    private readonly List<string> _sceneIds = [];

    /// <summary>A fixture named <paramref name="name"/> with <paramref name="scenes"/> scenes of <paramref name="size"/> pixels.</summary>
    protected OpenEoJobsFixture(string name, int scenes, int size, IReadOnlyDictionary<string, string>? environment = null)
    {
        (SceneCount, SceneSize) = (scenes, size);
        _root = new TempDirectory(name);
        var settings = AuthSettings.ApiKeys(("alice", AliceKey, "publisher"), ("bob", BobKey, "reader"));
        // Crash recovery within a test's patience.
        settings["Silo__ResumePeriod"] = "00:00:05";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) settings[key] = value;
        Silo = new SiloProcess(Path.Combine(_root.Path, "data"), settings);
        Samples = new SampleLibrary(Path.Combine(_root.Path, "samples"));
    }

    /// <summary>The silo.</summary>
    public SiloProcess Silo { get; }

    /// <summary>Sample scenes.</summary>
    public SampleLibrary Samples { get; }

    /// <summary>How many scenes are staged.</summary>
    public int SceneCount { get; }

    /// <summary>Their width and height.</summary>
    public int SceneSize { get; }

    /// <summary>The staged scene ids, oldest first.</summary>
    public IReadOnlyList<string> SceneIds => _sceneIds;

    /// <summary>The sample the scenes were made from.</summary>
    public SampleScene Sample { get; private set; } = null!;

    /// <summary>Alice's openEO client.</summary>
    public OpenEoTestClient Alice => new(Silo.BaseAddress, AliceKey);

    /// <summary>Bob's openEO client.</summary>
    public OpenEoTestClient Bob => new(Silo.BaseAddress, BobKey);

    /// <summary>A client without credentials.</summary>
    public OpenEoTestClient Anonymous => new(Silo.BaseAddress, null);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Silo.StartAsync();
        Sample = await Samples.GenerateAsync(SceneSize, seed: 7);
        using var publisher = new SiloClient(Silo.BaseAddress, AliceKey);
        var baseTime = DateTimeOffset.Parse("2025-06-01T10:00:00Z", CultureInfo.InvariantCulture);
        for (var i = 0; i < SceneCount; i++)
        {
            var item = await DatedCopyAsync(Sample, i, baseTime.AddDays(i));
            var published = await publisher.PublishAsync(new AcquisitionRequest { ItemHref = item, Products = ["ndvi"] });
            _sceneIds.Add(published.SceneId);
        }
        foreach (var sceneId in _sceneIds)
        {
            var status = await publisher.WaitForSceneAsync(sceneId, StagingTimeout);
            if (status.HasFailures || status.Products.Any(p => p.State != ProductStates.Completed))
                throw new InvalidOperationException($"Scene {sceneId} did not complete: {status.Reason}\n{Silo.Tail()}");
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _root.Dispose();
    }

    // A copy of the sample's item beside it (relative band hrefs still resolve) with its own id and datetime.
    private static async Task<string> DatedCopyAsync(SampleScene sample, int index, DateTimeOffset datetime)
    {
        var item = JsonNode.Parse(await File.ReadAllTextAsync(sample.ItemPath))!.AsObject();
        item["id"] = $"{sample.ItemId}-t{index}";
        item["properties"]!["datetime"] = datetime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var path = Path.Combine(Path.GetDirectoryName(sample.ItemPath)!, $"item-t{index}.json");
        await File.WriteAllTextAsync(path, item.ToJsonString());
        return path;
    }
}

/// <summary>One small scene: results are checked pixel by pixel.</summary>
public sealed class SingleSceneFixture() : OpenEoJobsFixture("openeo-jobs", scenes: 1, size: 512);

/// <summary>A time series of large scenes: jobs run long enough to be canceled or killed while running.</summary>
public sealed class TimeSeriesFixture() : OpenEoJobsFixture("openeo-series", scenes: 6, size: 2048,
    new Dictionary<string, string> { ["OpenEo__MaxRunningJobs"] = "2" });
