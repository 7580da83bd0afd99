using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;
using Actors.Processing.Samples;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Actors.EndToEnd.Tests.Security;

/// <summary>
/// A thousand malformed or hostile requests against one real silo: path traversal, links out of the root, device
/// files and FIFOs, huge and deeply nested documents, SSRF targets (loopback, link-local metadata, private ranges,
/// numeric host forms, a redirect from an allowed server to loopback), bad AOIs, products, job ids, query parameters
/// and bodies. Each is refused with the status its kind calls for and a JSON error that quotes no file content;
/// no acquisition is accepted, no refused address is ever contacted, the silo stays healthy and its memory within
/// 200 MB of where it started.
/// </summary>
public sealed class HostileInputTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 1000;
    private const long MemoryMarginBytes = 200L * 1024 * 1024;
    private const string Secret = "password=hunter2-do-not-echo";

    private readonly TempDirectory _root = new("hostile");
    private readonly ConcurrentBag<string> _trapHits = [];
    private SiloProcess _silo = null!;
    private WebApplication _trap = null!;
    private WebApplication _redirector = null!;
    private SampleScene _sample = null!;
    private string _samples = "";

    public async Task InitializeAsync()
    {
        // A server on a loopback port the silo must never reach, and an allowed one that redirects to it.
        _trap = await ServeAsync(app => app.Run(context =>
        {
            _trapHits.Add(context.Request.Path);
            return context.Response.WriteAsync("root:x:0:0:trap");
        }));
        var trapUrl = _trap.Urls.Single().TrimEnd('/');
        _redirector = await ServeAsync(app => app.Run(context =>
        {
            context.Response.Redirect(trapUrl + "/latest/meta-data/");
            return Task.CompletedTask;
        }));
        var redirectorPort = new Uri(_redirector.Urls.Single()).Port;

        var data = Path.Combine(_root.Path, "data");
        _samples = Path.Combine(_root.Path, "samples");
        _sample = await new SampleLibrary(_samples).GenerateAsync(128, 21);
        _silo = new SiloProcess(data, new Dictionary<string, string>
        {
            // Only the rate limit is lifted, so each refusal shows its own status rather than 429.
            ["Limits__RequestsPerSecond"] = "100000",
            ["Limits__Burst"] = "100000",
            ["Hrefs__AllowedPrivateNetworks__0"] = $"127.0.0.1:{redirectorPort}",
        });
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _trap.DisposeAsync();
        await _redirector.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task A_thousand_hostile_requests_are_refused_with_json_errors_and_leave_the_silo_as_it_was()
    {
        var cases = await CasesAsync();
        using var http = new HttpClient { BaseAddress = _silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        // Warm up the paths the suite takes, so the baseline is the running silo's, not a cold start's.
        foreach (var warm in cases) await SendAsync(http, warm, 0);
        var baseline = ResidentBytes();

        var failures = new ConcurrentBag<string>();
        var byKind = new ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var hostile = cases[i % cases.Count];
            var (status, body) = await SendAsync(http, hostile, i);
            byKind.AddOrUpdate(hostile.Kind, 1, (_, n) => n + 1);
            var problem = Check(hostile, status, body);
            if (problem is not null) failures.Add($"{hostile.Kind} '{Short(hostile.Description)}': {problem}");
        });
        var after = ResidentBytes();
        output.WriteLine($"{Requests} requests over {cases.Count} cases; by kind: {string.Join(", ", byKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}");
        output.WriteLine($"silo resident memory: {baseline / 1048576} MB after warm-up, {after / 1048576} MB after the suite");

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Requests} answered wrongly:\n{string.Join('\n', failures.Distinct().Take(25))}");
        Assert.True(byKind.Count >= 10, "every kind of hostile input was sent: " + string.Join(", ", byKind.Keys));
        Assert.Empty(_trapHits);
        // Nothing was accepted or queued: no acquisition logged, no scene in the catalog.
        Assert.DoesNotContain(_silo.OutputLines, l => l.Contains("Accepted acquisition", StringComparison.Ordinal));
        var scenes = JsonNode.Parse(await http.GetStringAsync("stac/collections/scenes/items"))!["features"]!.AsArray();
        Assert.Empty(scenes);
        Assert.True(after - baseline < MemoryMarginBytes, $"resident memory grew by {(after - baseline) / 1048576} MB (from {baseline / 1048576} MB)");

        // Still healthy and still working: a real acquisition is accepted.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health")).StatusCode);
        using var valid = await http.PostAsync("api/acquisitions", Json(new JsonObject { ["itemHref"] = _sample.ItemPath, ["products"] = new JsonArray("ndvi") }));
        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
    }

    private sealed record Hostile(string Kind, string Description, HttpMethod Method, string Path, Func<int, HttpContent?> Body, HttpStatusCode[] Expected)
    {
        /// <summary>Set for a request HttpClient cannot send: the answer comes from a raw connection.</summary>
        public Func<Task<(HttpStatusCode Status, string Body)>>? Raw { get; init; }
    }

    private async Task<List<Hostile>> CasesAsync()
    {
        var cases = new List<Hostile>();
        void Href(string kind, string href, params HttpStatusCode[] expected) =>
            cases.Add(new(kind, href, HttpMethod.Post, "api/acquisitions", _ => Json(new JsonObject { ["itemHref"] = href }), Or400(expected)));
        void Acquisition(string kind, string description, JsonObject body, params HttpStatusCode[] expected) =>
            cases.Add(new(kind, description, HttpMethod.Post, "api/acquisitions", _ => Json(body.DeepClone()), Or400(expected)));
        void Query(string kind, string path, params HttpStatusCode[] expected) =>
            cases.Add(new(kind, path, HttpMethod.Get, path, _ => null, Or400(expected)));
        void Raw(string kind, string description, string body, params HttpStatusCode[] expected) =>
            cases.Add(new(kind, description, HttpMethod.Post, "api/acquisitions", _ => new StringContent(body, Encoding.UTF8, "application/json"), Or400(expected)));

        // Path traversal and the silo's own files.
        var data = _silo.DataDirectory;
        foreach (var href in new[]
        {
            "/etc/passwd", "/etc/shadow", "../../etc/shadow", "../../../../../../etc/passwd", "file:///etc/shadow", "file:///etc/passwd",
            "file://localhost/etc/passwd", $"{data}/../../../../../../etc/passwd", $"{_samples}/../../../../../../../etc/passwd",
            "/proc/self/environ", "/proc/self/cmdline", "/proc/self/maps", "/root/.bash_history", "~root/.ssh/id_rsa", "/etc/passwd\u0000.json",
            "%2e%2e/%2e%2e/etc/passwd", "..\\..\\etc\\passwd", "/vsicurl/http://127.0.0.1:22/", "/vsizip//etc/passwd.zip/x", "GTIFF_DIR:1:/etc/passwd",
            $"{data}/eo.db", $"{data}",
        }) Href("traversal", href);

        // Links out of the root, devices, a FIFO, a directory.
        Directory.CreateDirectory(Path.Combine(_samples, "links"));
        foreach (var (name, target) in new[] { ("passwd", "/etc/passwd"), ("root", "/"), ("zero", "/dev/zero"), ("shadow", "/etc/shadow"), ("proc", "/proc/self/environ") })
        {
            var link = Path.Combine(_samples, "links", name);
            File.CreateSymbolicLink(link, target);
            Href("symlink", link);
            Href("symlink", $"file://{link}");
        }
        Directory.CreateSymbolicLink(Path.Combine(_samples, "links", "etc"), "/etc");
        Href("symlink", Path.Combine(_samples, "links", "etc", "passwd"));
        foreach (var device in new[] { "/dev/zero", "/dev/urandom", "/dev/random", "/dev/full", "/dev/stdin", "/dev/tty", "/dev/null" }) Href("device", device);
        var fifo = Path.Combine(_samples, "item.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        Href("device", fifo);
        Href("device", _samples);

        // Files inside the root that are not items: a secret, a huge one, a deeply nested one; none may be quoted.
        var secret = Path.Combine(_samples, "secret.json");
        await File.WriteAllTextAsync(secret, Secret + "\n" + Secret);
        Href("content", secret);
        var huge = Path.Combine(_samples, "huge.json");
        await File.WriteAllTextAsync(huge, "{\"type\":\"Feature\",\"id\":\"" + new string('h', 6 * 1024 * 1024) + "\"}");
        Href("huge", huge);
        var nested = Path.Combine(_samples, "nested.json");
        await File.WriteAllTextAsync(nested, new string('[', 100_000) + new string(']', 100_000));
        Href("nested", nested);
        Raw("nested", "inline nested 100000", "{\"item\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
        // A 20 MB body announced by Content-Length: the silo answers 413 before reading it and closes the connection,
        // which HttpClient (still sending) cannot read, so it is sent on a raw connection as an attacker would.
        cases.Add(new("huge", "inline 20 MB body", HttpMethod.Post, "api/acquisitions", _ => null, [HttpStatusCode.RequestEntityTooLarge])
        {
            Raw = () => RawPostAsync(_silo.BaseAddress, "/api/acquisitions", 20 * 1024 * 1024),
        });
        Href("huge", new string('/', 20_000) + "etc/passwd");

        // SSRF: loopback, metadata, private ranges, numeric forms, IPv6 forms, a redirect to loopback, other schemes.
        var trap = new Uri(_trap.Urls.Single());
        foreach (var href in new[]
        {
            $"http://127.0.0.1:{trap.Port}/item.json", $"http://localhost:{trap.Port}/item.json", $"http://[::1]:{trap.Port}/item.json",
            $"http://0.0.0.0:{trap.Port}/", $"http://2130706433:{trap.Port}/", $"http://0x7f000001:{trap.Port}/", $"http://127.1:{trap.Port}/",
            $"http://[::ffff:127.0.0.1]:{trap.Port}/", $"http://127.0.0.2:{trap.Port}/", "http://169.254.169.254/latest/meta-data/",
            "http://[fd00:ec2::254]/latest/meta-data/", "http://10.0.0.1/item.json", "http://172.16.0.1/item.json", "http://192.168.1.1/item.json",
            "http://100.64.0.1/item.json", $"https://127.0.0.1:{trap.Port}/", $"{_redirector.Urls.Single().TrimEnd('/')}/item.json",
            "gopher://127.0.0.1:6379/_INFO", "ftp://127.0.0.1/item.json", "dict://127.0.0.1:11211/stat", "ldap://127.0.0.1/", "s3://some-other-bucket/item.json",
            "jar:file:///etc/passwd!/", "data:application/json,{\"type\":\"Feature\"}",
        }) Href("ssrf", href);
        var ssrfAsset = ItemWith(assets => assets["nir"]!["href"] = $"http://127.0.0.1:{trap.Port}/nir.tif");
        Acquisition("ssrf", "inline item with a loopback asset", new JsonObject { ["item"] = ssrfAsset, ["sourceHref"] = _sample.ItemPath });
        var metadataAsset = ItemWith(assets => assets["red"]!["href"] = "http://169.254.169.254/latest/meta-data/iam");
        Acquisition("ssrf", "inline item with a metadata asset", new JsonObject { ["item"] = metadataAsset, ["sourceHref"] = _sample.ItemPath });
        var traversalAsset = ItemWith(assets => assets["red"]!["href"] = "../../../../../../../etc/passwd");
        Acquisition("traversal", "inline item with a traversing asset", new JsonObject { ["item"] = traversalAsset, ["sourceHref"] = _sample.ItemPath });

        // Bad AOIs, products, job ids.
        foreach (var aoi in new[] { "[1,2,3]", "[]", "[10,10,0,0]", "[0,50,1,40]", "[-200,0,0,10]", "[0,-91,1,0]", "[\"a\",\"b\",\"c\",\"d\"]", "[1e400,0,1,1]", "[-60,-10,-59,-9]", "{}", "\"everywhere\"" })
            Acquisition("aoi", aoi, new JsonObject { ["itemHref"] = _sample.ItemPath, ["aoi"] = JsonNode.Parse(aoi.Replace("1e400", "1e300", StringComparison.Ordinal)) });
        foreach (var products in new[] { "[\"nope\"]", "[\"../../x\"]", "[\"\"]", $"[\"{new string('p', 5000)}\"]", "[1]", "\"ndvi\"" })
            Acquisition("product", products[..Math.Min(40, products.Length)], new JsonObject { ["itemHref"] = _sample.ItemPath, ["products"] = JsonNode.Parse(products) });
        foreach (var job in new[] { "a/b", "", " ", new string('j', 300), "a?b", "#", "..\\x", "a\\b" })
            Acquisition("job", job, new JsonObject { ["itemHref"] = _sample.ItemPath, ["jobId"] = job });
        Query("job", "api/jobs/" + new string('j', 3000), HttpStatusCode.NotFound);
        Query("job", "api/jobs/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.NotFound);
        Query("job", "api/scenes/%2Fetc%2Fpasswd", HttpStatusCode.NotFound);

        // Bad query parameters.
        foreach (var query in new[]
        {
            "stac/search?limit=abc", "stac/search?limit=-1", "stac/search?limit=0", "stac/search?limit=1.5", "stac/search?bbox=1,2",
            "stac/search?bbox=a,b,c,d", "stac/search?bbox=0,0,1,1,2", "stac/search?datetime=yesterday", "stac/search?datetime=2024-13-45T00:00:00Z",
            "stac/search?filter=eo:cloud_cover%20%3C", "stac/search?filter=DROP%20TABLE%20items", "stac/search?sortby=%2B",
            "stac/search?intersects=%7Bnot-json", "stac/search?collections=" + new string('c', 3000) + "&filter=(", "stac/search?token=not-a-token",
            "stac/collections/scenes/items?limit=abc", "stac/collections/scenes/items?limit=-5", "stac/collections/scenes/items?bbox=1,2,3",
            "stac/collections/scenes/items?datetime=2024-02-30", "stac/search?filter-lang=cql9&filter=x",
        }) Query("query", query);

        // Bodies that are not acquisitions.
        foreach (var body in new[] { "{", "[]", "null", "\"item\"", "{\"item\": 5}", "{\"item\": {}}", "{\"itemHref\": 5}", "{\"item\": {\"type\": \"Feature\"}, \"itemHref\": \"/x\"}", "{}", "\u0000\u0001" })
            Raw("body", body, body);
        return cases;
    }

    private static HttpStatusCode[] Or400(HttpStatusCode[] expected) => expected.Length > 0 ? expected : [HttpStatusCode.BadRequest];

    private JsonObject ItemWith(Action<JsonObject> edit)
    {
        var item = JsonNode.Parse(File.ReadAllText(_sample.ItemPath))!.AsObject();
        item["id"] = "hostile-" + Guid.NewGuid().ToString("N")[..8];
        edit(item["assets"]!.AsObject());
        return item;
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, Hostile hostile, int i)
    {
        if (hostile.Raw is { } raw) return await raw();
        using var request = new HttpRequestMessage(hostile.Method, hostile.Path) { Content = hostile.Body(i) };
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // Announces a body of contentLength bytes, sends its first bytes, and reads the answer the server gives anyway.
    private static async Task<(HttpStatusCode Status, string Body)> RawPostAsync(Uri server, string path, long contentLength)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\nConnection: close\r\n\r\n{{\"item\":{{\"id\":\"";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = (HttpStatusCode)int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var separator = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = response[..separator];
        var body = response[(separator + 4)..];
        if (headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Unchunk(body);
        return (status, body);
    }

    private static string Unchunk(string chunked)
    {
        var result = new StringBuilder();
        var at = 0;
        while (at < chunked.Length)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..end].Split(';')[0], 16);
            if (size == 0) break;
            result.Append(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
        return result.ToString();
    }

    // Null when the answer is right.
    private static string? Check(Hostile hostile, HttpStatusCode status, string body)
    {
        if (!hostile.Expected.Contains(status)) return $"status {(int)status}, expected {string.Join("/", hostile.Expected.Select(s => (int)s))}: {Short(body)}";
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return $"not a JSON error body: {Short(body)}";
        }
        var message = (json?["error"] ?? json?["description"])?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(message)) return $"no error message: {Short(body)}";
        if (body.Length > 2000) return $"the error is {body.Length} characters long";
        foreach (var content in new[] { "root:x:0", "root:*", "root:!", "daemon:", "hunter2", "trap", "PATH=", "hhhhhhhh", "[[[[", "\u0000" })
            if (body.Contains(content, StringComparison.Ordinal)) return $"quotes content '{content}': {Short(body)}";
        return null;
    }

    private long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_silo.ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static string Short(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static async Task<WebApplication> ServeAsync(Action<WebApplication> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        return app;
    }
}
