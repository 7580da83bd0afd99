using Actors.Abstractions;
using System.Diagnostics;
using Actors.Abstractions.Acquisitions;
using Actors.Processing.Hrefs;

namespace Actors.Processing.Tests.Hrefs;

/// <summary>Local hrefs: a root with an item, and an "outside" folder next to it that the policy must never reach.</summary>
public sealed class LocalHrefTests : IDisposable
{
    private const string Secret = "root:x:0:0:secret-line";
    private readonly string _base = Path.Combine(Path.GetTempPath(), "eo-hrefs-" + Guid.NewGuid().ToString("N"));
    private readonly string _root;
    private readonly string _outside;
    private readonly HrefPolicy _policy;

    public LocalHrefTests()
    {
        _root = Directory.CreateDirectory(Path.Combine(_base, "root")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_base, "outside")).FullName;
        File.WriteAllText(Path.Combine(_root, "item.json"), """{"type": "Feature", "id": "a", "assets": {}}""");
        File.WriteAllText(Path.Combine(_outside, "secret.json"), Secret);
        _policy = Policy();
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    private HrefPolicy Policy(long maxItemBytes = 4 << 20) =>
        new(new HrefPolicyOptions { LocalRoots = [_root], MaxItemBytes = maxItemBytes });

    private static async Task<ItemDocument> ReadAsync(HrefPolicy policy, string href)
    {
        using var reader = new ItemDocumentReader(policy, new SafeHttpHandlerFactory(policy));
        return await reader.ReadAsync(href, CancellationToken.None);
    }

    [Fact]
    public async Task A_file_inside_a_root_is_read_from_its_real_path()
    {
        var document = await ReadAsync(_policy, Path.Combine(_root, "item.json"));
        Assert.Contains("Feature", document.Text);
        Assert.Equal(Path.Combine(_root, "item.json"), document.Href);
        Assert.Contains("Feature", (await ReadAsync(_policy, new Uri(Path.Combine(_root, "item.json")).AbsoluteUri)).Text);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("file:///etc/passwd")]
    [InlineData("file:///etc/shadow")]
    [InlineData("/dev/zero")]
    public async Task Paths_outside_the_roots_are_refused_by_rule(string href)
    {
        var error = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(_policy, href));
        Assert.Contains("outside the allowed local roots", error.Message);
    }

    [Fact]
    public async Task Dot_dot_out_of_a_root_is_refused_whether_or_not_the_target_exists()
    {
        var existing = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(_policy, Path.Combine(_root, "..", "outside", "secret.json")));
        var missing = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(_policy, Path.Combine(_root, "..", "outside", "nothing.json")));
        Assert.Contains("outside the allowed local roots", existing.Message);
        Assert.Equal(existing.Message.Replace("secret.json", "X", StringComparison.Ordinal), missing.Message.Replace("nothing.json", "X", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, existing.Message);
    }

    [Fact]
    public async Task A_symbolic_link_at_the_end_of_the_path_leading_out_is_refused_like_a_missing_file()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "link.json"), Path.Combine(_outside, "secret.json"));
        File.CreateSymbolicLink(Path.Combine(_root, "dangling.json"), Path.Combine(_outside, "nothing.json"));
        var existing = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(_policy, Path.Combine(_root, "link.json")));
        var dangling = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(_policy, Path.Combine(_root, "dangling.json")));
        var missing = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(_policy, Path.Combine(_root, "missing.json")));
        Assert.Contains("does not lead to a file inside the allowed local roots", existing.Message);
        // The same words whether the target exists or not: the policy tells nothing about files outside.
        Assert.Equal(existing.Message.Replace("link.json", "X", StringComparison.Ordinal), dangling.Message.Replace("dangling.json", "X", StringComparison.Ordinal));
        Assert.Equal(existing.Message.Replace("link.json", "X", StringComparison.Ordinal), missing.Message.Replace("missing.json", "X", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_symbolic_link_in_the_middle_of_the_path_leading_out_is_refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "escape"), _outside);
        var error = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(_policy, Path.Combine(_root, "escape", "secret.json")));
        Assert.Contains("does not lead to a file inside the allowed local roots", error.Message);
        Assert.DoesNotContain(Secret, error.Message);
    }

    [Fact]
    public async Task A_symbolic_link_staying_inside_the_roots_is_followed_to_its_real_path()
    {
        Directory.CreateDirectory(Path.Combine(_root, "real"));
        File.Copy(Path.Combine(_root, "item.json"), Path.Combine(_root, "real", "item.json"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "alias"), Path.Combine(_root, "real"));
        var document = await ReadAsync(_policy, Path.Combine(_root, "alias", "item.json"));
        Assert.Equal(Path.Combine(_root, "real", "item.json"), document.Href);
    }

    [Fact]
    public async Task A_root_given_through_a_symbolic_link_still_holds_its_files()
    {
        var alias = Path.Combine(_base, "root-alias");
        Directory.CreateSymbolicLink(alias, _root);
        var policy = new HrefPolicy(new HrefPolicyOptions { LocalRoots = [alias] });
        Assert.Contains("Feature", (await ReadAsync(policy, Path.Combine(alias, "item.json"))).Text);
        Assert.Contains("Feature", (await ReadAsync(policy, Path.Combine(_root, "item.json"))).Text);
    }

    [Fact]
    public async Task A_directory_is_not_a_regular_file()
    {
        Directory.CreateDirectory(Path.Combine(_root, "folder"));
        var error = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(_policy, Path.Combine(_root, "folder")));
        Assert.Contains("is a directory, not a regular file", error.Message);
    }

    [Fact]
    public async Task A_device_is_refused_before_it_is_opened()
    {
        var policy = new HrefPolicy(new HrefPolicyOptions { LocalRoots = ["/dev"] });
        var error = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(policy, "/dev/zero"));
        Assert.Contains("is a character device, not a regular file", error.Message);
    }

    [Fact]
    public async Task A_fifo_is_refused_without_blocking_on_open()
    {
        var fifo = Path.Combine(_root, "pipe.json");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync();
        Assert.True(File.Exists(fifo));
        // Opening a FIFO without a writer blocks for ever: the refusal must come from statx, well within the wait.
        var read = ReadAsync(_policy, fifo);
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(read, finished);
        var error = await Assert.ThrowsAsync<HrefRefusedException>(() => read);
        Assert.Contains("FIFO", error.Message);
    }

    [Fact]
    public async Task A_file_exactly_at_the_cap_is_read_and_one_byte_more_is_refused()
    {
        var json = """{"type": "Feature", "id": "a", "assets": {}}""";
        var atCap = Path.Combine(_root, "cap.json");
        await File.WriteAllTextAsync(atCap, json);
        var policy = Policy(maxItemBytes: json.Length);
        Assert.Equal(json, (await ReadAsync(policy, atCap)).Text);

        await File.WriteAllTextAsync(atCap, json + " ");
        var error = await Assert.ThrowsAsync<ProcessingException>(() => ReadAsync(policy, atCap));
        Assert.Contains($"larger than {json.Length} bytes", error.Message);
    }

    [Theory]
    [InlineData("/vsicurl/http://169.254.169.254/latest/meta-data/", "GDAL virtual file system")]
    [InlineData("/vsizip//etc/x.zip/a.json", "GDAL virtual file system")]
    [InlineData("file:///vsicurl/http://x/", "GDAL virtual file system")]
    [InlineData("NETCDF:\"/etc/passwd\":var", "starts with 'netcdf:', a scheme or GDAL driver prefix")]
    [InlineData("GTIFF_DIR:1:/etc/passwd", "starts with 'gtiff_dir:', a scheme or GDAL driver prefix")]
    [InlineData("ftp://example.org/item.json", "starts with 'ftp:'")]
    [InlineData("gopher://127.0.0.1:6379/_", "starts with 'gopher:'")]
    [InlineData("file://otherhost/etc/passwd", "another host")]
    public void Other_forms_are_refused_by_rule(string href, string rule)
    {
        var error = Assert.Throws<HrefRefusedException>(() => _policy.Classify(href));
        Assert.Contains(rule, error.Message);
    }

    [Fact]
    public async Task Buckets_not_listed_are_refused()
    {
        var error = await Assert.ThrowsAsync<HrefRefusedException>(() => ReadAsync(_policy, "s3://elsewhere/item.json"));
        Assert.Contains("bucket 'elsewhere' is not among the allowed buckets", error.Message);
    }

    [Fact]
    public void Echoed_hrefs_are_truncated()
    {
        var href = "/" + new string('a', 5000);
        var error = Assert.Throws<HrefRefusedException>(() => _policy.Roots.Check(href));
        Assert.Contains(new string('a', EchoedText.MaxLength - 1) + "…", error.Message);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public async Task Reads_beyond_the_concurrency_limit_wait_then_answer_busy()
    {
        var policy = new HrefPolicy(new HrefPolicyOptions
        {
            LocalRoots = [_root], MaxConcurrentReads = 1, ReadQueueTimeout = TimeSpan.FromMilliseconds(200),
            AllowedPrivateNetworks = ["127.0.0.1/32"],
        });
        using var reader = new ItemDocumentReader(policy, new SafeHttpHandlerFactory(policy));
        await using var server = new LoopbackHttpServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"u8.ToArray(), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var hold = new CancellationTokenSource();
        var slow = reader.ReadAsync(server.Url("/item.json").ToString(), hold.Token);
        await server.WaitForRequestsAsync(1);
        var busy = await Assert.ThrowsAsync<AcquisitionBusyException>(() => reader.ReadAsync(Path.Combine(_root, "item.json"), CancellationToken.None));
        Assert.True(busy.RetryAfterSeconds >= 1);
        await hold.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        Assert.Contains("Feature", (await reader.ReadAsync(Path.Combine(_root, "item.json"), CancellationToken.None)).Text);
    }
}
