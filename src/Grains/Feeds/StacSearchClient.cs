using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Grains.Configuration;
using Actors.Processing.Hrefs;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Feeds;

/// <summary>One page of a STAC API search: its features, in the order the source sent them.</summary>
/// <param name="Features">The page's items.</param>
/// <param name="Number">1 for the first page.</param>
/// <param name="HasNext">True when the page links to a next one.</param>
public sealed record StacSearchPage(IReadOnlyList<JsonObject> Features, int Number, bool HasNext);

/// <summary>A source failed: unreachable, timed out, answered an error status or something that is not an item collection.</summary>
public sealed class StacSourceException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Searches an external STAC API: <c>POST {source}/search</c> with a JSON body, then follows the <c>next</c>
/// links — a link with <c>"method": "POST"</c> is posted its <c>body</c> (merged into the previous body when
/// <c>"merge": true</c>), any other is fetched with GET. Uses the named <see cref="HttpClientName"/> client, whose
/// handler passes every request and redirect through the href policy (<see cref="SafeHttpHandlerFactory"/>).
/// Errors quote no part of what the source answered: the status, or where its JSON broke.
/// </summary>
public sealed class StacSearchClient(IHttpClientFactory httpClients, IOptions<FeedSettings> settings)
{
    /// <summary>The name of the <see cref="HttpClient"/> sources are read with (timeout: <see cref="FeedSettings.RequestTimeout"/>).</summary>
    public const string HttpClientName = "feeds";

    /// <summary>The pages of a search, one request each, at most <see cref="FeedSettings.MaxPagesPerPoll"/>.</summary>
    /// <exception cref="StacSourceException">A request failed.</exception>
    public async IAsyncEnumerable<StacSearchPage> SearchAsync(
        string sourceUrl, JsonObject body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        var method = HttpMethod.Post;
        var url = new Uri(sourceUrl.TrimEnd('/') + "/search");
        JsonObject? currentBody = body;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var number = 1; number <= settings.Value.MaxPagesPerPoll; number++)
        {
            var page = await RequestAsync(http, method, url, currentBody, cancellationToken);
            var features = page["features"] is JsonArray array
                ? array.OfType<JsonObject>().ToList()
                : throw new StacSourceException($"{method} {url} did not answer an item collection (no \"features\" array).");
            var next = NextLink(page);
            yield return new StacSearchPage(features, number, next is not null && features.Count > 0);
            if (next is null || features.Count == 0) yield break;

            var href = next["href"] is JsonValue h && h.GetValueKind() == JsonValueKind.String ? h.GetValue<string>() : null;
            if (href is null || !Uri.TryCreate(url, href, out var nextUrl) || nextUrl.Scheme is not ("http" or "https"))
                throw new StacSourceException($"{method} {url} returned a next link without a usable href.");
            var isPost = string.Equals(next["method"]?.GetValue<string>(), "POST", StringComparison.OrdinalIgnoreCase);
            JsonObject? nextBody = null;
            if (isPost)
            {
                var linkBody = next["body"] as JsonObject;
                var merge = next["merge"] is JsonValue m && m.GetValueKind() == JsonValueKind.True;
                nextBody = merge ? Merge(currentBody ?? [], linkBody) : (JsonObject?)linkBody?.DeepClone() ?? [];
            }
            // A source that links a page to itself would be read forever.
            if (!seen.Add($"{(isPost ? "POST" : "GET")} {nextUrl} {nextBody?.ToJsonString()}"))
                throw new StacSourceException($"{method} {url} linked back to a page already read ({nextUrl}).");
            (method, url, currentBody) = (isPost ? HttpMethod.Post : HttpMethod.Get, nextUrl, nextBody);
        }
    }

    private static async Task<JsonObject> RequestAsync(HttpClient http, HttpMethod method, Uri url, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (method == HttpMethod.Post)
            request.Content = new StringContent((body ?? []).ToJsonString(), Encoding.UTF8, "application/json");
        request.Headers.Accept.ParseAdd("application/geo+json");
        request.Headers.Accept.ParseAdd("application/json");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HrefRefusedException e)
        {
            throw new StacSourceException($"{method} {url} refused: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new StacSourceException(HrefRefusedException.FindIn(e) is { } refused
                ? $"{method} {url} refused: {refused.Message}"
                : $"{method} {url} failed: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StacSourceException($"{method} {url} did not answer within {http.Timeout.TotalSeconds:0} s.", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new StacSourceException($"{method} {url} answered {(int)response.StatusCode} {response.StatusCode}.");
            try
            {
                return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)
                    ?? throw new StacSourceException($"{method} {url} answered an empty body.");
            }
            catch (JsonException e)
            {
                throw new StacSourceException($"{method} {url} answered something that is not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).", e);
            }
        }
    }

    private static JsonObject? NextLink(JsonObject page) =>
        page["links"] is JsonArray links
            ? links.OfType<JsonObject>().FirstOrDefault(l => l["rel"] is JsonValue rel && rel.GetValueKind() == JsonValueKind.String && rel.GetValue<string>() == "next")
            : null;

    private static JsonObject Merge(JsonObject previous, JsonObject? changes)
    {
        var merged = (JsonObject)previous.DeepClone();
        foreach (var (name, value) in changes ?? []) merged[name] = value?.DeepClone();
        return merged;
    }
}
