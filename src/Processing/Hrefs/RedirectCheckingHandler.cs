using Actors.Abstractions;
using System.Net;

namespace Actors.Processing.Hrefs;

/// <summary>
/// Follows redirects itself (the inner handler has <c>AllowAutoRedirect</c> off) so each hop passes the policy
/// again: its scheme and host list here, its address when the connector opens it. An allowed server could
/// otherwise redirect to a refused one. At most <see cref="MaxRedirects"/> hops.
/// </summary>
public sealed class RedirectCheckingHandler(HrefPolicy policy) : DelegatingHandler
{
    /// <summary>The most redirects one request follows.</summary>
    public const int MaxRedirects = 5;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = request;
        for (var hop = 0; ; hop++)
        {
            policy.CheckHost(current.RequestUri!);
            var response = await base.SendAsync(current, cancellationToken);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location) return response;
            response.Dispose();
            if (hop == MaxRedirects)
                throw new HrefRefusedException($"'{EchoedText.Of(request.RequestUri!.ToString())}' redirects more than {MaxRedirects} times.");
            var next = new Uri(current.RequestUri!, location);
            if (next.Scheme is not ("http" or "https"))
                throw new HrefRefusedException($"'{EchoedText.Of(current.RequestUri!.ToString())}' redirects to the scheme '{EchoedText.Of(next.Scheme)}', not allowed.");
            current = Follow(current, next, response.StatusCode);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    // As browsers and HttpClient do: 307/308 repeat the method and body; 303, and 301/302 after a POST, become a GET.
    private static HttpRequestMessage Follow(HttpRequestMessage previous, Uri next, HttpStatusCode status)
    {
        var keepMethod = status is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
            || previous.Method == HttpMethod.Get || previous.Method == HttpMethod.Head;
        var request = new HttpRequestMessage(keepMethod ? previous.Method : HttpMethod.Get, next)
        {
            Content = keepMethod ? previous.Content : null,
            Version = previous.Version,
            VersionPolicy = previous.VersionPolicy,
        };
        var sameAuthority = string.Equals(previous.RequestUri!.Authority, next.Authority, StringComparison.OrdinalIgnoreCase)
            && previous.RequestUri.Scheme == next.Scheme;
        foreach (var (name, values) in previous.Headers)
        {
            // Credentials go only to the authority they were meant for.
            if (!sameAuthority && (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))) continue;
            request.Headers.TryAddWithoutValidation(name, values);
        }
        return request;
    }
}
