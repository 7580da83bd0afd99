using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.Deploy;

/// <summary>
/// The probes the chart points Kubernetes at: <c>/health</c> answers while the process runs; <c>/health/ready</c>
/// answers 200 only when the silo is active and every service it is configured with answers, naming each check.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task An_embedded_silo_is_ready_with_its_SQLite_store()
    {
        using var root = new TempDirectory("ready-embedded");
        await using var silo = new SiloProcess(Path.Combine(root.Path, "data"));
        await silo.StartAsync();
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };

        var (status, body) = await GetAsync(http, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        var checks = Checks(body);
        Assert.Equal(["orleans", "store:sqlite"], checks.Keys.Order());
        Assert.Equal((true, "active"), checks["orleans"]);
        Assert.True(checks["store:sqlite"].Healthy);
    }

    [Fact]
    public async Task A_silo_whose_object_store_does_not_answer_is_live_but_not_ready()
    {
        using var root = new TempDirectory("ready-s3-down");
        // A port held bound without listening: connections to it are refused for as long as the test runs.
        using var reserved = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        reserved.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var environment = new Dictionary<string, string>
        {
            ["Silo__ObjectStore"] = "s3",
            ["S3__ServiceUrl"] = $"http://127.0.0.1:{((IPEndPoint)reserved.LocalEndPoint!).Port}",
            ["S3__Bucket"] = "ready",
        };
        await using var silo = new SiloProcess(Path.Combine(root.Path, "data"), environment);
        await silo.StartAsync();
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/health")).Status);
        var (status, body) = await GetAsync(http, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("not-ready", body.GetProperty("status").GetString());
        var checks = Checks(body);
        Assert.Equal(["objectStore:s3", "orleans", "store:sqlite"], checks.Keys.Order());
        Assert.True(checks["orleans"].Healthy);
        Assert.True(checks["store:sqlite"].Healthy);
        Assert.False(checks["objectStore:s3"].Healthy);
        Assert.False(string.IsNullOrWhiteSpace(checks["objectStore:s3"].Detail));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static Dictionary<string, (bool Healthy, string Detail)> Checks(JsonElement body) =>
        body.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("healthy").GetBoolean(), c.GetProperty("detail").GetString()!));
}
