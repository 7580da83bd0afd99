using Actors.Abstractions;

namespace Actors.Processing.Hrefs;

/// <summary>
/// Turns a data asset's href into the name GDAL opens, checked by the <see cref="HrefPolicy"/> right before the
/// open (the acceptance checked it too, but a file or a DNS answer may have changed since): a local file becomes
/// its real path inside a root; an http(s) URL is requested once through the safe client so its redirects are
/// followed and checked here, and GDAL gets the final URL (<c>/vsicurl/…</c>); <c>s3://</c> becomes <c>/vsis3/…</c>
/// of an allowed bucket.
/// </summary>
/// <remarks>
/// Residual risk: GDAL (curl) makes its own requests to the final URL and follows redirects itself. A server that
/// answers the pre-check with the data and GDAL's reads with a redirect to a refused address, or a DNS name that
/// changes its answer between the check and GDAL's connection, reaches that address. The pre-check narrows this to
/// servers an operator allowed (<see cref="HrefPolicyOptions.AllowedHosts"/>) that turn hostile between two requests.
/// </remarks>
public sealed class AssetLocator : IDisposable
{
    private readonly HrefPolicy _policy;
    private readonly HttpClient _http;

    /// <summary>A locator for <paramref name="policy"/>, pre-resolving URLs through <paramref name="handlers"/>.</summary>
    public AssetLocator(HrefPolicy policy, SafeHttpHandlerFactory handlers)
    {
        _policy = policy;
        _http = new HttpClient(handlers.Create()) { Timeout = policy.Options.ReadTimeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("eo-actors/1.0");
    }

    /// <summary>The GDAL dataset name for <paramref name="href"/>.</summary>
    /// <exception cref="HrefRefusedException">The policy refuses the href, or a redirect of it.</exception>
    /// <exception cref="ProcessingException">A URL cannot be reached.</exception>
    public async Task<string> ToGdalPathAsync(string href, CancellationToken cancellationToken)
    {
        switch (_policy.Classify(href))
        {
            case HrefTarget.Local local:
                return _policy.Roots.Check(local.Path).RealPath;
            case HrefTarget.S3 s3:
                _policy.CheckBucket(s3.Bucket);
                return $"/vsis3/{s3.Bucket}/{s3.Key}";
            case HrefTarget.Http http:
                return "/vsicurl/" + await FinalUrlAsync(http.Uri, cancellationToken);
            default:
                throw new HrefRefusedException($"'{EchoedText.Of(href)}' cannot be read.");
        }
    }

    // One byte of the asset is asked for: the redirects are all that matters, not the body.
    private async Task<string> FinalUrlAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 0);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new ProcessingException($"Cannot read '{EchoedText.Of(uri.ToString())}': the server answered {(int)response.StatusCode}.");
            return (response.RequestMessage?.RequestUri ?? uri).AbsoluteUri;
        }
        catch (HttpRequestException e)
        {
            throw HrefRefusedException.FindIn(e) ?? (Exception)new ProcessingException($"Cannot reach '{EchoedText.Of(uri.ToString())}'.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProcessingException($"'{EchoedText.Of(uri.ToString())}' did not answer within {_http.Timeout.TotalSeconds:0.#} s.", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
