using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.OpenEo.Discovery;

/// <summary>
/// A silo behind the OIDC provider of <see cref="TestIdentityProvider"/>: <c>/credentials/oidc</c> names it, and
/// its tokens work in openEO's <c>oidc/PROVIDER/TOKEN</c> form exactly as plain bearer tokens.
/// </summary>
public sealed class OpenEoOidcTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new("openeo-oidc");
    private readonly TestIdentityProvider _provider = new();
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        await _provider.StartAsync();
        _silo = new SiloProcess(Path.Combine(_root.Path, "data"), _provider.SiloSettings());
        await _silo.StartAsync();
    }

    [Fact]
    public async Task The_oidc_provider_is_listed_and_its_tokens_work_with_the_oidc_prefix()
    {
        using var anonymous = new HttpClient { BaseAddress = _silo.BaseAddress };
        var capabilities = (await anonymous.GetFromJsonAsync<JsonObject>("openeo/1.2/"))!;
        var paths = capabilities["endpoints"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Contains("/credentials/oidc", paths);
        Assert.DoesNotContain("/credentials/basic", paths); // no API keys configured

        var providers = (await anonymous.GetFromJsonAsync<JsonObject>("openeo/1.2/credentials/oidc"))!["providers"]!.AsArray();
        var provider = Assert.Single(providers)!;
        Assert.Equal("default", provider["id"]!.GetValue<string>());
        Assert.Equal(TestIdentityProvider.Issuer, provider["issuer"]!.GetValue<string>());
        Assert.Contains("openid", provider["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));

        var token = _provider.Token("carol", ["reader"]);
        foreach (var header in new[] { $"Bearer oidc/default/{token}", $"Bearer {token}" })
        {
            using var http = new HttpClient { BaseAddress = _silo.BaseAddress };
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
            var me = (await http.GetFromJsonAsync<JsonObject>("openeo/1.2/me"))!;
            Assert.Equal("carol", me["user_id"]!.GetValue<string>());
            using var stac = await http.GetAsync("stac/collections");
            Assert.Equal(HttpStatusCode.OK, stac.StatusCode);
        }

        using var forged = new HttpClient { BaseAddress = _silo.BaseAddress };
        forged.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer oidc/default/{_provider.Token("carol", ["reader"], forged: true)}");
        using var refused = await forged.GetAsync("openeo/1.2/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("AuthenticationRequired", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _provider.DisposeAsync();
        _root.Dispose();
    }
}
