using Actors.EndToEnd.Tests.Infrastructure;
using Actors.Processing.Samples;

namespace Actors.EndToEnd.Tests.Security;

/// <summary>A silo that accepts only tokens of <see cref="TestIdentityProvider"/> (and nothing anonymous), with a sample scene in its data folder.</summary>
public sealed class AuthFixture : IAsyncLifetime
{
    private readonly TempDirectory _root = new("auth");

    public AuthFixture()
    {
        Silo = null!;
    }

    public TestIdentityProvider Provider { get; } = new();

    public SiloProcess Silo { get; private set; }

    public SampleScene Sample { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Provider.StartAsync();
        var data = Path.Combine(_root.Path, "data");
        Silo = new SiloProcess(data, Provider.SiloSettings());
        Sample = await new SampleLibrary(Path.Combine(data, "samples")).GenerateAsync(128, 11);
        await Silo.StartAsync();
    }

    /// <summary>HTTP to the silo carrying <paramref name="token"/> (none when null).</summary>
    public HttpClient Http(string? token)
    {
        var http = new HttpClient { BaseAddress = Silo.BaseAddress };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Provider.DisposeAsync();
        _root.Dispose();
    }
}
