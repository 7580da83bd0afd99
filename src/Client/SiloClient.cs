using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Api;
using Actors.Abstractions.Feeds;
using Actors.Abstractions.Streams;

namespace Actors.Client;

/// <summary>
/// Typed client of the silo's HTTP API (<c>/api/*</c>, <c>/stac/*</c>, <c>/health</c>).
/// Non-success answers surface as <see cref="SiloApiException"/> carrying the server's message.
/// </summary>
public sealed class SiloClient : ISiloClient, IDisposable
{
    /// <summary>The silo's address when nothing else is configured.</summary>
    public static readonly Uri DefaultAddress = new("http://127.0.0.1:5080/");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>A client with its own <see cref="HttpClient"/> talking to <paramref name="baseAddress"/>.</summary>
    public SiloClient(Uri baseAddress)
        : this(baseAddress, accessToken: null)
    {
    }

    /// <summary>
    /// A client with its own <see cref="HttpClient"/> talking to <paramref name="baseAddress"/>, sending
    /// <paramref name="accessToken"/> (an OIDC access token or an API key) as its bearer credential when given.
    /// </summary>
    public SiloClient(Uri baseAddress, string? accessToken)
        : this(Authenticated(new HttpClient { BaseAddress = WithTrailingSlash(baseAddress) }, accessToken), ownsHttp: true)
    {
    }

    /// <summary>
    /// A client over an existing <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is the silo;
    /// the caller keeps ownership of it.
    /// </summary>
    /// <exception cref="ArgumentException">The client has no base address.</exception>
    public SiloClient(HttpClient httpClient)
        : this(httpClient, ownsHttp: false)
    {
    }

    private SiloClient(HttpClient httpClient, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
            throw new ArgumentException("The HttpClient needs a BaseAddress pointing at the silo.", nameof(httpClient));
        _http = httpClient;
        _ownsHttp = ownsHttp;
    }

    private static HttpClient Authenticated(HttpClient http, string? accessToken)
    {
        if (!string.IsNullOrWhiteSpace(accessToken))
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    /// <summary>The silo's base address.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Time between polls of <see cref="WaitForSceneAsync"/>; 250 ms unless set.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Publishes an acquisition (<c>POST /api/acquisitions</c>). Repeating the same acquisition returns the same scene.</summary>
    /// <exception cref="SiloApiException">The silo rejected it (400 with the reason) or failed.</exception>
    public async Task<AcquisitionResponse> PublishAsync(AcquisitionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var response = await _http.PostAsJsonAsync("api/acquisitions", request, SiloJson.Options, cancellationToken);
        return await ReadAsync<AcquisitionResponse>(response, "POST /api/acquisitions", cancellationToken);
    }

    /// <summary>The state of a scene and each of its products (<c>GET /api/scenes/{id}</c>).</summary>
    /// <exception cref="SiloApiException">Unknown scene (404) or a server failure.</exception>
    public Task<SceneStatus> GetSceneAsync(string sceneId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sceneId);
        return GetAsync<SceneStatus>($"api/scenes/{Uri.EscapeDataString(sceneId)}", cancellationToken);
    }

    /// <summary>The state of a job and counts of its products by state (<c>GET /api/jobs/{id}</c>).</summary>
    /// <exception cref="SiloApiException">Unknown job (404) or a server failure.</exception>
    public Task<JobStatus> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return GetAsync<JobStatus>($"api/jobs/{Uri.EscapeDataString(jobId)}", cancellationToken);
    }

    /// <summary>The cluster's silos with their heartbeats and states (<c>GET /api/cluster/silos</c>), newest first.</summary>
    /// <exception cref="SiloApiException">The silo failed to answer.</exception>
    public Task<IReadOnlyList<SiloMember>> GetSilosAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<SiloMember>>("api/cluster/silos", cancellationToken);

    /// <summary>The lag of the event streams (<c>GET /api/streams</c>).</summary>
    /// <exception cref="SiloApiException">The silo failed to answer.</exception>
    public Task<StreamLagReport> GetStreamsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<StreamLagReport>("api/streams", cancellationToken);

    /// <summary>Creates a feed subscription (<c>POST /api/subscriptions</c>); the same definition again returns its status.</summary>
    /// <exception cref="SiloApiException">Invalid input (400 with the reason), the id exists with another definition (409), or a server failure.</exception>
    public async Task<FeedSubscriptionStatus> CreateSubscriptionAsync(SubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var response = await _http.PostAsJsonAsync("api/subscriptions", request, SiloJson.Options, cancellationToken);
        return await ReadAsync<FeedSubscriptionStatus>(response, "POST /api/subscriptions", cancellationToken);
    }

    /// <summary>Every feed subscription (<c>GET /api/subscriptions</c>), ordered by id.</summary>
    /// <exception cref="SiloApiException">The silo failed to answer.</exception>
    public Task<IReadOnlyList<FeedSubscriptionStatus>> ListSubscriptionsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<FeedSubscriptionStatus>>("api/subscriptions", cancellationToken);

    /// <summary>A feed subscription (<c>GET /api/subscriptions/{id}</c>).</summary>
    /// <exception cref="SiloApiException">Unknown subscription (404) or a server failure.</exception>
    public Task<FeedSubscriptionStatus> GetSubscriptionAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return GetAsync<FeedSubscriptionStatus>(SubscriptionPath(id), cancellationToken);
    }

    /// <summary>Pauses a feed subscription (<c>POST /api/subscriptions/{id}/pause</c>).</summary>
    /// <exception cref="SiloApiException">Unknown subscription (404) or a server failure.</exception>
    public Task<FeedSubscriptionStatus> PauseSubscriptionAsync(string id, CancellationToken cancellationToken = default) =>
        PostAsync<FeedSubscriptionStatus>(SubscriptionPath(id) + "/pause", cancellationToken);

    /// <summary>Resumes a feed subscription (<c>POST /api/subscriptions/{id}/resume</c>).</summary>
    /// <exception cref="SiloApiException">Unknown subscription (404) or a server failure.</exception>
    public Task<FeedSubscriptionStatus> ResumeSubscriptionAsync(string id, CancellationToken cancellationToken = default) =>
        PostAsync<FeedSubscriptionStatus>(SubscriptionPath(id) + "/resume", cancellationToken);

    /// <summary>Deletes a feed subscription (<c>DELETE /api/subscriptions/{id}</c>).</summary>
    /// <exception cref="SiloApiException">Unknown subscription (404) or a server failure.</exception>
    public async Task DeleteSubscriptionAsync(string id, CancellationToken cancellationToken = default)
    {
        var path = SubscriptionPath(id);
        using var response = await _http.DeleteAsync(path, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new SiloApiException(response.StatusCode, ErrorMessageOf(body), "DELETE /" + path);
        }
    }

    /// <summary>
    /// Polls a scene until it and all its products reach a final state (see <see cref="SceneStatus.IsFinished"/>)
    /// and returns that status, successful or not. <paramref name="progress"/> receives every status whose
    /// scene or product states differ from the previous one.
    /// </summary>
    /// <param name="sceneId">The scene to wait for.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="progress">Receives state changes, if given.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="SceneWaitTimeoutException">The scene did not finish in time.</exception>
    /// <exception cref="SiloApiException">The silo does not know the scene or failed.</exception>
    public Task<SceneStatus> WaitForSceneAsync(
        string sceneId, TimeSpan timeout, IProgress<SceneStatus>? progress = null, CancellationToken cancellationToken = default) =>
        SceneWaiter.WaitAsync(this, sceneId, timeout, PollInterval, progress, cancellationToken);

    /// <summary>The STAC collections (<c>GET /stac/collections</c>) as JSON.</summary>
    public Task<JsonElement> GetCollectionsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<JsonElement>("stac/collections", cancellationToken);

    /// <summary>One STAC collection (<c>GET /stac/collections/{id}</c>) as JSON.</summary>
    public Task<JsonElement> GetCollectionAsync(string collectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collectionId);
        return GetAsync<JsonElement>($"stac/collections/{Uri.EscapeDataString(collectionId)}", cancellationToken);
    }

    /// <summary>The items of a STAC collection (<c>GET /stac/collections/{id}/items</c>, a GeoJSON FeatureCollection).</summary>
    public Task<JsonElement> GetItemsAsync(string collectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collectionId);
        return GetAsync<JsonElement>($"stac/collections/{Uri.EscapeDataString(collectionId)}/items", cancellationToken);
    }

    /// <summary>
    /// One page of a STAC item search (<c>POST /stac/search</c>) with <paramref name="search"/> as the body
    /// (<c>collections</c>, <c>bbox</c>, <c>intersects</c>, <c>datetime</c>, <c>filter</c>, <c>sortby</c>, <c>limit</c>, ...).
    /// The following page's body is in the <c>next</c> link; <see cref="SearchAllItemsAsync"/> follows them.
    /// </summary>
    /// <exception cref="SiloApiException">The search is invalid (400, with the reason) or the silo failed.</exception>
    public async Task<JsonElement> SearchItemsAsync(JsonObject search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        using var content = new StringContent(search.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("stac/search", content, cancellationToken);
        return await ReadAsync<JsonElement>(response, "POST /stac/search", cancellationToken);
    }

    /// <summary>Every item a STAC item search matches, page after page, in the search's order.</summary>
    /// <exception cref="SiloApiException">The search is invalid (400, with the reason) or the silo failed.</exception>
    public async IAsyncEnumerable<JsonElement> SearchAllItemsAsync(
        JsonObject search, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (JsonObject? body = search; body is not null;)
        {
            var page = await SearchItemsAsync(body, cancellationToken);
            foreach (var feature in page.GetProperty("features").EnumerateArray()) yield return feature;
            body = null;
            foreach (var link in page.GetProperty("links").EnumerateArray())
            {
                if (link.GetProperty("rel").GetString() == "next" && link.TryGetProperty("body", out var next))
                    body = JsonNode.Parse(next.GetRawText())!.AsObject();
            }
        }
    }

    /// <summary>One STAC item (<c>GET /stac/collections/{id}/items/{itemId}</c>) as JSON.</summary>
    public Task<JsonElement> GetItemAsync(string collectionId, string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collectionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        return GetAsync<JsonElement>(
            $"stac/collections/{Uri.EscapeDataString(collectionId)}/items/{Uri.EscapeDataString(itemId)}", cancellationToken);
    }

    /// <summary>
    /// True when the silo answers <c>GET /health</c> with a success status; false when it answers otherwise
    /// or cannot be reached (so callers can poll it while a silo starts).
    /// </summary>
    public async Task<bool> HealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync("health", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout: the silo is there but not answering, which is "not healthy".
            return false;
        }
    }

    /// <summary>An absolute URL for a path the silo returned (e.g. a <c>StacItemUrl</c>), resolved against <see cref="BaseAddress"/>.</summary>
    public Uri ResolveUrl(string pathOrUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrUrl);
        return Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute
            : new Uri(BaseAddress, pathOrUrl.TrimStart('/'));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private static string SubscriptionPath(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return $"api/subscriptions/{Uri.EscapeDataString(id)}";
    }

    private async Task<T> PostAsync<T>(string relativeUrl, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(relativeUrl, content: null, cancellationToken);
        return await ReadAsync<T>(response, "POST /" + relativeUrl, cancellationToken);
    }

    private async Task<T> GetAsync<T>(string relativeUrl, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(relativeUrl, cancellationToken);
        return await ReadAsync<T>(response, "GET /" + relativeUrl, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string requestDescription, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new SiloApiException(response.StatusCode, ErrorMessageOf(body), requestDescription);
        }
        var value = await response.Content.ReadFromJsonAsync<T>(SiloJson.Options, cancellationToken);
        return value ?? throw new SiloApiException(response.StatusCode, $"{requestDescription} returned an empty body.", requestDescription);
    }

    /// <summary>The <c>error</c> of an <see cref="ApiError"/> body, a STAC API error's <c>description</c>, else a problem-details <c>detail</c>/<c>title</c>.</summary>
    private static string? ErrorMessageOf(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var name in (string[])["error", "description", "detail", "title"])
            {
                if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    return value.GetString();
            }
            return null;
        }
        catch (JsonException)
        {
            return body.Length <= 500 ? body.Trim() : null;
        }
    }

    private static Uri WithTrailingSlash(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        // Relative request paths only append to a base that ends in '/', so a silo behind a path prefix keeps it.
        return address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
    }
}
