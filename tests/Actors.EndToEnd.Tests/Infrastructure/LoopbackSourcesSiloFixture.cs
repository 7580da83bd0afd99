namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Like <see cref="SiloFixture"/>, for feed tests whose stub STAC APIs listen on loopback: the silo's href policy
/// opens <c>127.0.0.1</c> (<c>Hrefs__AllowedPrivateNetworks__0</c>), which it refuses by default.
/// </summary>
public sealed class LoopbackSourcesSiloFixture : IAsyncLifetime
{
    private readonly TempDirectory _root = new("silo-feeds");

    /// <summary>Creates the folders; the silo starts in <see cref="InitializeAsync"/>.</summary>
    public LoopbackSourcesSiloFixture()
    {
        Silo = new SiloProcess(Path.Combine(_root.Path, "data"), new Dictionary<string, string>
        {
            ["Hrefs__AllowedPrivateNetworks__0"] = "127.0.0.1/32",
        });
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
