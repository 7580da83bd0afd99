using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.Security;

/// <summary>
/// What one caller may ask of a silo: a body over the limit is a 413, a burst over the rate is a 429 with
/// Retry-After, both with a JSON reason and neither a stack trace in the log; and a silo that would serve a
/// network without authentication does not start.
/// </summary>
public sealed class LimitsTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new("limits");
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = new SiloProcess(Path.Combine(_root.Path, "data"), new Dictionary<string, string>
        {
            ["Limits__MaxRequestBodyBytes"] = "65536",
            ["Limits__RequestsPerSecond"] = "1",
            ["Limits__Burst"] = "20",
        });
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task Oversized_bodies_are_413_and_bursts_are_429_with_json_reasons()
    {
        using var http = new HttpClient { BaseAddress = _silo.BaseAddress };
        var huge = "{\"item\": {\"type\": \"Feature\", \"id\": \"" + new string('x', 200_000) + "\"}}";
        using (var tooLarge = await http.PostAsync("api/acquisitions", new StringContent(huge, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            var body = await tooLarge.Content.ReadAsStringAsync();
            Assert.True(body.Length < 1000, $"the error must not echo the body ({body.Length} characters)");
            Assert.NotNull(JsonNode.Parse(body)!["error"]);
        }

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 60 && limited is null; i++)
        {
            var response = await http.GetAsync("api/scenes/none");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
            else response.Dispose();
        }
        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(statuses.Count(s => s == HttpStatusCode.NotFound) >= 15, "the burst is served before the limit applies");
            Assert.NotNull(limited.Headers.RetryAfter);
            Assert.Contains("Too many requests", (await limited.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        // Health probes are never limited.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health")).StatusCode);
        Assert.DoesNotContain(_silo.OutputLines, l => l.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) || l.TrimStart().StartsWith("at Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("127.0.0.1", "10.1.2.3")]
    public async Task A_silo_open_to_anonymous_callers_refuses_to_listen_beyond_loopback(string httpHost, string gatewayAddress)
    {
        var start = new ProcessStartInfo(DotnetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(BuiltArtifacts.SiloAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://{httpHost}:{FreePort.Next()}");
        start.Environment["Silo__DataDirectory"] = Path.Combine(_root.Path, "exposed-" + httpHost);
        start.Environment["Orleans__AdvertisedAddress"] = gatewayAddress;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Auth:AllowAnonymous=true", error + await output, StringComparison.Ordinal);
        Assert.Contains(httpHost == "0.0.0.0" ? "http://0.0.0.0" : $"orleans-gateway://{gatewayAddress}", error + await output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarded_headers_are_believed_only_from_trusted_proxies()
    {
        using var http = new HttpClient { BaseAddress = _silo.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "stac");
        request.Headers.Add("X-Forwarded-Host", "eo.example.org");
        request.Headers.Add("X-Forwarded-Proto", "https");
        // The test connects from loopback, the default trusted proxy.
        var landing = await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.StartsWith("https://eo.example.org/stac", landing!["links"]![0]!["href"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
