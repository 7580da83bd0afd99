using System.Text;
using Actors.Processing.Hrefs;

namespace Actors.Processing.Tests.Hrefs;

/// <summary>http(s) hrefs against real servers on loopback, which the policy refuses unless an entry opens them.</summary>
public sealed class HttpHrefTests
{
    private const string Item = """{"type": "Feature", "id": "remote", "assets": {}}""";

    private static HrefPolicy Policy(params string[] allowedPrivateNetworks) => new(new HrefPolicyOptions
    {
        LocalRoots = [Path.GetTempPath()],
        AllowedPrivateNetworks = [.. allowedPrivateNetworks],
        ReadTimeout = TimeSpan.FromSeconds(2),
        MaxItemBytes = 64 * 1024,
    });

    private static async Task<ItemDocument> ReadAsync(HrefPolicy policy, string href)
    {
        using var reader = new ItemDocumentReader(policy, new SafeHttpHandlerFactory(policy));
        return await reader.ReadAsync(href, CancellationToken.None);
    }

    [Fact]
    public async Task An_allowed_endpoint_is_read_and_its_redirects_inside_it_are_followed()
    {
        await using var server = new LoopbackHttpServer((path, stream, ct) => path == "/item.json"
            ? LoopbackHttpServer.RedirectAsync(stream, "/moved/item.json", ct)
            : LoopbackHttpServer.OkAsync(stream, Item, ct));
        var document = await ReadAsync(Policy($"127.0.0.1:{server.Port}"), server.Url("/item.json").ToString());
        Assert.Equal(Item, document.Text);
        Assert.Equal(server.Url("/moved/item.json").ToString(), document.Href);
    }

    [Fact]
    public async Task A_loopback_server_is_refused_without_a_connection()
    {
        await using var server = new LoopbackHttpServer((_, stream, ct) => LoopbackHttpServer.OkAsync(stream, Item, ct));
        var error = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(Policy(), server.Url("/item.json").ToString()));
        Assert.Contains("resolves to a loopback address 127.0.0.1, not allowed", error.Message);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task A_dns_name_resolving_to_loopback_is_refused_at_connect_time()
    {
        await using var server = new LoopbackHttpServer((_, stream, ct) => LoopbackHttpServer.OkAsync(stream, Item, ct));
        // The host list allows any name; the address localhost resolves to is what is refused.
        var error = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(Policy(), $"http://localhost:{server.Port}/item.json"));
        Assert.Contains("'localhost' resolves to a loopback address", error.Message);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task An_allowed_endpoint_redirecting_to_a_refused_loopback_port_is_refused()
    {
        await using var target = new LoopbackHttpServer((_, stream, ct) => LoopbackHttpServer.OkAsync(stream, Item, ct));
        await using var allowed = new LoopbackHttpServer((_, stream, ct) => LoopbackHttpServer.RedirectAsync(stream, target.Url("/secret").ToString(), ct));
        var error = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(Policy($"127.0.0.1:{allowed.Port}"), allowed.Url("/item.json").ToString()));
        Assert.Contains("loopback address 127.0.0.1", error.Message);
        Assert.Equal(1, allowed.Requests);
        Assert.Equal(0, target.Requests);
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        await using var server = new LoopbackHttpServer((_, stream, ct) => LoopbackHttpServer.RedirectAsync(stream, "file:///etc/passwd", ct));
        var error = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(Policy($"127.0.0.1:{server.Port}"), server.Url("/item.json").ToString()));
        Assert.Contains("redirects to the scheme 'file'", error.Message);
    }

    [Fact]
    public async Task More_than_five_redirects_are_refused()
    {
        await using var server = new LoopbackHttpServer((path, stream, ct) =>
            LoopbackHttpServer.RedirectAsync(stream, path + "x", ct));
        var error = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(Policy($"127.0.0.1:{server.Port}"), server.Url("/r").ToString()));
        Assert.Contains($"more than {RedirectCheckingHandler.MaxRedirects} times", error.Message);
        Assert.Equal(RedirectCheckingHandler.MaxRedirects + 1, server.Requests);
    }

    [Fact]
    public async Task A_host_not_in_the_allowed_hosts_is_refused_before_any_lookup()
    {
        var policy = new HrefPolicy(new HrefPolicyOptions { AllowedHosts = ["*.example.org"] });
        var error = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(policy, "http://169.254.169.254/latest/meta-data/"));
        Assert.Contains("not among the allowed hosts", error.Message);
        policy.CheckHost(new Uri("https://data.example.org/x"));
        Assert.Throws<HrefRefusedException>(() => policy.CheckHost(new Uri("https://example.org.evil.net/x")));
    }

    [Fact]
    public async Task An_oversized_body_without_a_length_is_cut_at_the_cap()
    {
        var sent = 0L;
        await using var server = new LoopbackHttpServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 16 * 1024));
            for (var i = 0; i < 4096; i++)
            {
                await stream.WriteAsync(chunk, ct);
                Interlocked.Add(ref sent, chunk.Length);
            }
        });
        var error = await Assert.ThrowsAsync<ProcessingException>(() => ReadAsync(Policy($"127.0.0.1:{server.Port}"), server.Url("/big.json").ToString()));
        Assert.Contains("larger than 65536 bytes", error.Message);
        // The reader stopped early: far less than the 64 MiB the server would send (socket buffers aside).
        Assert.True(Interlocked.Read(ref sent) < 32 << 20, $"{sent} bytes were sent");
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_without_reading_the_body()
    {
        await using var server = new LoopbackHttpServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\n"u8.ToArray(), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var error = await Assert.ThrowsAsync<ProcessingException>(() => ReadAsync(Policy($"127.0.0.1:{server.Port}"), server.Url("/big.json").ToString()));
        Assert.Contains("larger than", error.Message);
    }

    [Fact]
    public async Task A_never_ending_slow_body_is_cut_by_the_timeout()
    {
        await using var server = new LoopbackHttpServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"u8.ToArray(), ct);
            while (true)
            {
                await Task.Delay(200, ct);
                await stream.WriteAsync(" "u8.ToArray(), ct);
            }
        });
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<ProcessingException>(() => ReadAsync(Policy($"127.0.0.1:{server.Port}"), server.Url("/slow.json").ToString()));
        Assert.Contains("took longer than 2 s", error.Message);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_error_answer_is_reported_by_status_without_its_body()
    {
        await using var server = new LoopbackHttpServer((_, stream, ct) => stream.WriteAsync(
            "HTTP/1.1 404 Not Found\r\nContent-Length: 19\r\nConnection: close\r\n\r\nroot:x:0:0:leaked\r\n"u8.ToArray(), ct).AsTask());
        var error = await Assert.ThrowsAsync<ProcessingException>(() => ReadAsync(Policy($"127.0.0.1:{server.Port}"), server.Url("/item.json").ToString()));
        Assert.Contains("answered 404", error.Message);
        Assert.DoesNotContain("leaked", error.Message);
    }

    [Fact]
    public async Task An_asset_url_is_handed_to_gdal_after_its_redirects_were_checked()
    {
        await using var server = new LoopbackHttpServer((path, stream, ct) => path == "/band.tif"
            ? LoopbackHttpServer.RedirectAsync(stream, "/store/band.tif", ct)
            : LoopbackHttpServer.OkAsync(stream, "x", ct));
        var policy = Policy($"127.0.0.1:{server.Port}");
        using var locator = new AssetLocator(policy, new SafeHttpHandlerFactory(policy));
        Assert.Equal("/vsicurl/" + server.Url("/store/band.tif"), await locator.ToGdalPathAsync(server.Url("/band.tif").ToString(), CancellationToken.None));

        using var strict = new AssetLocator(Policy(), new SafeHttpHandlerFactory(Policy()));
        await Assert.ThrowsAsync<HrefRefusedException>(() => strict.ToGdalPathAsync(server.Url("/band.tif").ToString(), CancellationToken.None));
    }
}
