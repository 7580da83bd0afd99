using System.Net.Http.Headers;
using System.Text;
using Actors.Abstractions.Api;
using Actors.Client;
using Actors.EndToEnd.Tests.Infrastructure;
using Actors.Processing.Samples;

namespace Actors.EndToEnd.Tests.OpenEo.Discovery;

/// <summary>
/// A silo with two users, A and B, each an API key (publisher role), and nothing for anonymous requests; one
/// sample scene published with the NDVI product (so red and nir are staged) and computed.
/// </summary>
public sealed class OpenEoDiscoveryFixture : IAsyncLifetime
{
    public const string UserA = "alice";
    public const string KeyA = "alice-openeo-key-0123";
    public const string UserB = "bob";
    public const string KeyB = "bob-openeo-key-456789";

    private readonly TempDirectory _root = new("openeo-discovery");

    public OpenEoDiscoveryFixture()
    {
        Silo = new SiloProcess(Path.Combine(_root.Path, "data"), TwoUsers());
    }

    public SiloProcess Silo { get; }

    public SampleScene Sample { get; private set; } = null!;

    /// <summary>The staged and computed scene.</summary>
    public SceneStatus Scene { get; private set; } = null!;

    /// <summary>Silo settings: API keys for users A and B (publishers), no roles without credentials.</summary>
    public static Dictionary<string, string> TwoUsers() => AuthSettings.ApiKeys((UserA, KeyA, "publisher"), (UserB, KeyB, "publisher"));

    public async Task InitializeAsync()
    {
        var data = Path.Combine(_root.Path, "data");
        Sample = await new SampleLibrary(Path.Combine(data, "samples")).GenerateAsync(128, 21);
        await Silo.StartAsync();
        using var client = new SiloClient(Silo.BaseAddress, KeyA);
        var accepted = await client.PublishAsync(new AcquisitionRequest { ItemHref = Sample.ItemPath, Products = ["ndvi"] });
        Scene = await client.WaitForSceneAsync(accepted.SceneId, TimeSpan.FromMinutes(2));
        if (Scene.HasFailures) throw new InvalidOperationException($"The sample scene failed: {Scene.Reason} {string.Join(", ", Scene.Products.Select(p => p.Reason))}");
    }

    /// <summary>HTTP to the silo with an <c>Authorization</c> header value (none when null), through <paramref name="handler"/> if given (kept open).</summary>
    public HttpClient Http(string? authorization = null, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = Silo.BaseAddress;
        if (authorization is not null) http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return http;
    }

    /// <summary>The <c>Authorization</c> value of HTTP Basic credentials.</summary>
    public static string Basic(string user, string password) =>
        new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))).ToString();

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _root.Dispose();
    }
}
