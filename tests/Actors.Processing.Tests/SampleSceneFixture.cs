using Actors.Processing.Samples;

namespace Actors.Processing.Tests;

/// <summary>One generated 1024 × 1024 sample shared by the tests of a class (generation takes a second or two).</summary>
public sealed class SampleSceneFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "eo-processing-tests-" + Guid.NewGuid().ToString("N"));
    public SampleScene Scene { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Scene = await new SyntheticSceneGenerator().GenerateAsync(Path.Combine(Directory, "scene"), 1024, seed: 7);

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    public string NewOutputDirectory() => Path.Combine(Directory, "out-" + Guid.NewGuid().ToString("N"));
}
