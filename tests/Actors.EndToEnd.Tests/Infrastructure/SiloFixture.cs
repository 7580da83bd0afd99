namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A started silo with a fresh data folder and a folder for sample scenes, shared by one test class
/// and removed afterwards.
/// </summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private readonly TempDirectory _root = new("silo");

    /// <summary>Creates the folders; the silo starts in <see cref="InitializeAsync"/>.</summary>
    public SiloFixture()
    {
        Silo = new SiloProcess(Path.Combine(_root.Path, "data"));
        Samples = new SampleLibrary(Path.Combine(_root.Path, "samples"));
    }

    /// <summary>The silo.</summary>
    public SiloProcess Silo { get; }

    /// <summary>Sample scenes for this fixture.</summary>
    public SampleLibrary Samples { get; }

    /// <inheritdoc />
    public Task InitializeAsync() => Silo.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _root.Dispose();
    }
}
