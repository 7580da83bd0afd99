namespace Actors.Processing.Hrefs;

/// <summary>
/// Builds the HTTP handlers every outgoing read by href uses (item documents, asset pre-resolution, feed sources):
/// redirects followed and re-checked hop by hop (<see cref="RedirectCheckingHandler"/>) over a
/// <see cref="SocketsHttpHandler"/> that connects only to addresses the policy allows (<see cref="AddressCheckingConnector"/>).
/// </summary>
public sealed class SafeHttpHandlerFactory(HrefPolicy policy)
{
    private readonly AddressCheckingConnector _connector = new(policy);

    /// <summary>A new handler chain; the caller owns it (an <see cref="HttpClient"/> over it, or an <c>IHttpClientFactory</c> primary handler).</summary>
    public HttpMessageHandler Create() => new RedirectCheckingHandler(policy)
    {
        InnerHandler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // A proxy would make the connector check the proxy's address instead of the target's.
            UseProxy = false,
            // No transparent decompression: the size caps count the bytes as they arrive, not a bomb's expansion.
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectCallback = _connector.ConnectAsync,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // Pooled connections are re-made (and re-checked) after a while, so a DNS change is seen.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        },
    };
}
