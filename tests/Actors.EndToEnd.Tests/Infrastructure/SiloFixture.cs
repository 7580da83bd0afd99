namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A started silo with a fresh data folder and a folder for sample scenes, shared by one test class
/// and removed afterwards.
/// </summary>
public class SiloFixture : IAsyncLifetime
{
    private readonly TempDirectory _root;

    /// <summary>Creates the folders; the silo starts in <see cref="InitializeAsync"/>.</summary>
    public SiloFixture()
        : this("silo", null)
    {
    }

    /// <summary>A silo in a folder named after <paramref name="name"/>, with extra <paramref name="environment"/> settings.</summary>
    protected SiloFixture(string name, IReadOnlyDictionary<string, string>? environment)
    {
        _root = new TempDirectory(name);
        Silo = new SiloProcess(Path.Combine(_root.Path, "data"), environment);
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
