using Actors.Processing.Hrefs;
using Actors.Processing.Samples;
using Actors.Processing.Staging;

namespace Actors.Processing.Tests;

/// <summary>One generated 1024 × 1024 sample shared by the tests of a class (generation takes a second or two).</summary>
public sealed class SampleSceneFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "eo-processing-tests-" + Guid.NewGuid().ToString("N"));
    public SampleScene Scene { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Scene = await new SyntheticSceneGenerator().GenerateAsync(Path.Combine(Directory, "scene"), 1024, seed: 7);

    /// <summary>The href policy of a silo whose only local root is this fixture's directory.</summary>
    public HrefPolicy Policy => new(new HrefPolicyOptions { LocalRoots = [Directory] });

    /// <summary>A stager that opens assets through <see cref="Policy"/>.</summary>
    public SceneStager Stager()
    {
        var policy = Policy;
        var locator = new AssetLocator(policy, new SafeHttpHandlerFactory(policy));
        _locators.Add(locator);
        return new SceneStager(locator);
    }

    private readonly List<AssetLocator> _locators = [];

    public Task DisposeAsync()
    {
        foreach (var locator in _locators) locator.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    public string NewOutputDirectory() => Path.Combine(Directory, "out-" + Guid.NewGuid().ToString("N"));
}
