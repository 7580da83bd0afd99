using Actors.Abstractions;
using System.Text;
using Actors.Abstractions.Acquisitions;
using Actors.Raster.Gdal;

namespace Actors.Processing.Hrefs;

/// <summary>The text of an item document and where it really was read from.</summary>
/// <param name="Text">The document, decoded as UTF-8.</param>
/// <param name="Href">Its real location: the real local path, the URL after redirects, or the <c>s3://</c> URL.
/// Relative asset hrefs resolve against it.</param>
public sealed record ItemDocument(string Text, string Href);

/// <summary>
/// Reads STAC item documents named by href, the one place that does: through the <see cref="HrefPolicy"/>, with
/// at most <see cref="HrefPolicyOptions.MaxItemBytes"/> bytes (at most cap + 1 bytes are read, whatever
/// Content-Length says), within <see cref="HrefPolicyOptions.ReadTimeout"/>, and at most
/// <see cref="HrefPolicyOptions.MaxConcurrentReads"/> at once. Errors never quote what was read.
/// </summary>
public sealed class ItemDocumentReader : IDisposable
{
    private readonly HrefPolicy _policy;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _slots;

    /// <summary>A reader for <paramref name="policy"/>, its HTTP requests through <paramref name="handlers"/>.</summary>
    public ItemDocumentReader(HrefPolicy policy, SafeHttpHandlerFactory handlers)
    {
        _policy = policy;
        // Timeouts come from the read's own token, which also covers reading the body.
        _http = new HttpClient(handlers.Create()) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("eo-actors/1.0");
        _slots = new SemaphoreSlim(policy.Options.MaxConcurrentReads);
    }

    private HrefPolicyOptions Options => _policy.Options;

    /// <summary>Reads the document at <paramref name="href"/>.</summary>
    /// <exception cref="HrefRefusedException">The policy refuses the href or a redirect of it.</exception>
    /// <exception cref="ProcessingException">It cannot be read, is too large or too slow.</exception>
    /// <exception cref="AcquisitionBusyException">Too many reads are in progress.</exception>
    public async Task<ItemDocument> ReadAsync(string href, CancellationToken cancellationToken)
    {
        var target = _policy.Classify(href);
        if (!await _slots.WaitAsync(Options.ReadQueueTimeout, cancellationToken))
            throw new AcquisitionBusyException(
                "The silo is reading as many STAC items as it allows at once; try again in a few seconds.",
                Math.Max(1, (int)Math.Ceiling(Options.ReadQueueTimeout.TotalSeconds)));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.ReadTimeout);
            try
            {
                return target switch
                {
                    HrefTarget.Local local => await ReadLocalAsync(href, local, timeout.Token),
                    HrefTarget.Http http => await ReadHttpAsync(http.Uri, timeout.Token),
                    HrefTarget.S3 s3 => await ReadS3Async(href, s3, timeout.Token),
                    _ => throw new HrefRefusedException($"'{EchoedText.Of(href)}' cannot be read."),
                };
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ProcessingException(
                    $"Reading the STAC item '{EchoedText.Of(href)}' took longer than {Options.ReadTimeout.TotalSeconds:0.#} s (setting Hrefs:ReadTimeout).");
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<ItemDocument> ReadLocalAsync(string href, HrefTarget.Local local, CancellationToken cancellationToken)
    {
        var (real, facts) = _policy.Roots.Check(local.Path);
        if (facts!.Value.Size > Options.MaxItemBytes) throw TooLarge(href);
        try
        {
            // The file may have grown since statx: the read stops past the cap all the same.
            await using var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.Asynchronous);
            return new ItemDocument(await ReadCappedAsync(stream, href, cancellationToken), real);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProcessingException($"Cannot read the STAC item '{EchoedText.Of(href)}'.", e);
        }
    }

    private async Task<ItemDocument> ReadHttpAsync(Uri uri, CancellationToken cancellationToken)
    {
        var echoed = EchoedText.Of(uri.ToString());
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.ParseAdd("application/geo+json");
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            // The status only: a server's error page is content read by href and stays out of the message.
            if (!response.IsSuccessStatusCode)
                throw new ProcessingException($"Cannot read the STAC item '{echoed}': the server answered {(int)response.StatusCode}.");
            if (response.Content.Headers.ContentLength > Options.MaxItemBytes) throw TooLarge(uri.ToString());
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var text = await ReadCappedAsync(body, uri.ToString(), cancellationToken);
            return new ItemDocument(text, (response.RequestMessage?.RequestUri ?? uri).AbsoluteUri);
        }
        catch (HttpRequestException e)
        {
            if (HrefRefusedException.FindIn(e) is { } refused) throw refused;
            throw new ProcessingException($"Cannot read the STAC item '{echoed}': {DescribeFailure(e)}.", e);
        }
    }

    private async Task<ItemDocument> ReadS3Async(string href, HrefTarget.S3 s3, CancellationToken cancellationToken)
    {
        _policy.CheckBucket(s3.Bucket);
        byte[] bytes;
        try
        {
            // GDAL's read cannot be cancelled; the wait can, and the cap bounds what the abandoned read holds.
            bytes = await Task.Run(() => VsiFile.ReadAllBytes($"/vsis3/{s3.Bucket}/{s3.Key}", Options.MaxItemBytes), CancellationToken.None)
                .WaitAsync(cancellationToken);
        }
        catch (GdalException e)
        {
            // GDAL's message may carry the S3 server's error document: not quoted.
            throw new ProcessingException($"Cannot read the STAC item '{EchoedText.Of(href)}' from S3 (missing, denied, or larger than Hrefs:MaxItemBytes).", e);
        }
        return new ItemDocument(Encoding.UTF8.GetString(bytes), $"s3://{s3.Bucket}/{s3.Key}");
    }

    // Reads at most cap + 1 bytes: one byte past the cap is enough to know the document is too large.
    private async Task<string> ReadCappedAsync(Stream stream, string href, CancellationToken cancellationToken)
    {
        var cap = (int)Options.MaxItemBytes;
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var wanted = (int)Math.Min(chunk.Length, cap + 1L - buffer.Length);
            var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
            if (buffer.Length > cap) throw TooLarge(href);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private ProcessingException TooLarge(string href) =>
        new($"The STAC item '{EchoedText.Of(href)}' is larger than {Options.MaxItemBytes} bytes (setting Hrefs:MaxItemBytes).");

    private static string DescribeFailure(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "the host name does not resolve",
        HttpRequestError.ConnectionError => "the connection failed",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        _ => e.StatusCode is { } status ? $"HTTP {(int)status}" : "the request failed",
    };

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _slots.Dispose();
    }
}
