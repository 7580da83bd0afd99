using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.Security;

/// <summary>
/// A silo reading as many items as it allows (here one, held by a server that never finishes its answer) answers
/// the next acquisition 429 with <c>Retry-After</c> and a JSON error, queues nothing, and reads again once the slot is free.
/// </summary>
public sealed class AcquisitionBusyTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new("busy");
    private readonly TcpListener _stalling = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        _stalling.Start();
        _ = StallAsync();
        _silo = new SiloProcess(Path.Combine(_root.Path, "data"), new Dictionary<string, string>
        {
            ["Hrefs__MaxConcurrentReads"] = "1",
            ["Hrefs__ReadQueueTimeout"] = "00:00:00.300",
            ["Hrefs__ReadTimeout"] = "00:00:05",
            ["Hrefs__AllowedPrivateNetworks__0"] = $"127.0.0.1:{((IPEndPoint)_stalling.LocalEndpoint).Port}",
        });
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _stalling.Stop();
        await _silo.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task A_saturated_reader_answers_429_with_retry_after_and_queues_nothing()
    {
        using var http = new HttpClient { BaseAddress = _silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var stalled = $"http://127.0.0.1:{((IPEndPoint)_stalling.LocalEndpoint).Port}/item.json";
        var holding = http.PostAsync("api/acquisitions", Json(new JsonObject { ["itemHref"] = stalled }));
        // The first read has its slot once the stalling server saw the request.
        await _firstRequest.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(1, Volatile.Read(ref _requests));

        using var busy = await http.PostAsync("api/acquisitions", Json(new JsonObject { ["itemHref"] = stalled.Replace("item", "other") }));
        Assert.Equal(HttpStatusCode.TooManyRequests, busy.StatusCode);
        Assert.True(busy.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {busy.Headers.RetryAfter}");
        Assert.Contains("try again", JsonNode.Parse(await busy.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        Assert.Equal(1, Volatile.Read(ref _requests));

        // The held read ends with the read timeout (a 400 naming it); nothing was accepted.
        using var held = await holding;
        Assert.Equal(HttpStatusCode.BadRequest, held.StatusCode);
        Assert.Contains("took longer than 5 s", await held.Content.ReadAsStringAsync());
        Assert.DoesNotContain(_silo.OutputLines, line => line.Contains("Accepted acquisition of", StringComparison.Ordinal));
    }

    private int _requests;
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    // Answers headers and then nothing, keeping the connection (and the silo's read slot) open.
    private async Task StallAsync()
    {
        var clients = new List<TcpClient>();
        try
        {
            while (true)
            {
                var client = await _stalling.AcceptTcpClientAsync(_stop.Token);
                clients.Add(client);
                var stream = client.GetStream();
                // Enough of the request to know it arrived; the rest is never needed.
                await stream.ReadExactlyAsync(new byte[16], _stop.Token);
                Interlocked.Increment(ref _requests);
                _firstRequest.TrySetResult();
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"u8.ToArray(), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // Stopped.
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }
}
