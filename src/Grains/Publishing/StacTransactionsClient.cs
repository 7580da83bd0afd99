using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Publishing;

/// <summary>How one push ended.</summary>
public enum PushOutcome
{
    /// <summary>The target created the item (201).</summary>
    Created,
    /// <summary>The target had the item (409) and replaced it with ours (PUT).</summary>
    Updated,
    /// <summary>The target could not take it now (5xx, 408, 429, timeout, unreachable): try again later.</summary>
    Retry,
    /// <summary>The target refused the document (another 4xx): trying again would not help.</summary>
    Refused,
}

/// <summary>The outcome of one push and, unless it succeeded, why.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">The reason for <see cref="PushOutcome.Retry"/> or <see cref="PushOutcome.Refused"/>.</param>
public sealed record PushResult(PushOutcome Outcome, string? Detail = null)
{
    /// <summary>True when the target holds the item.</summary>
    public bool Succeeded => Outcome is PushOutcome.Created or PushOutcome.Updated;
}

/// <summary>
/// Speaks the STAC Transactions extension to the external STAC API of <see cref="StacPublishingOptions.Url"/>:
/// <c>POST /collections/{c}/items</c>; on 409 the item exists, so <c>PUT /collections/{c}/items/{id}</c> replaces
/// it with the same document (a repeat never duplicates); on 404 the collection is missing, so (when
/// <see cref="StacPublishingOptions.CreateCollections"/>) <c>POST /collections</c> with our collection first.
/// </summary>
public sealed class StacTransactionsClient(IHttpClientFactory http, IOptions<StacPublishingOptions> options)
{
    private const int DetailLength = 300;

    /// <summary>Pushes <paramref name="item"/> (our stored document) into <paramref name="targetCollection"/>.</summary>
    /// <param name="item">The item as our catalog holds it; not changed.</param>
    /// <param name="targetCollection">The collection at the target.</param>
    /// <param name="ourCollection">Reads our collection document, should the target need the collection created.</param>
    /// <param name="cancellationToken">Abandons the push.</param>
    public async Task<PushResult> PushAsync(
        JsonObject item, string targetCollection, Func<CancellationToken, Task<JsonObject?>> ourCollection, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var document = OutgoingItem(item, targetCollection, settings.SourceRoot);
        var itemId = document["id"]!.GetValue<string>();
        using var client = http.CreateClient(StacPublishingOptions.HttpClientName);
        try
        {
            for (var collectionCreated = false; ; collectionCreated = true)
            {
                using var post = await SendAsync(client, HttpMethod.Post, $"collections/{Escape(targetCollection)}/items", document, cancellationToken);
                if (post.IsSuccessStatusCode) return new PushResult(PushOutcome.Created);
                if (post.StatusCode == HttpStatusCode.Conflict)
                {
                    using var put = await SendAsync(client, HttpMethod.Put, $"collections/{Escape(targetCollection)}/items/{Escape(itemId)}", document, cancellationToken);
                    if (put.IsSuccessStatusCode) return new PushResult(PushOutcome.Updated);
                    // Deleted between our POST and PUT: the next try POSTs again.
                    if (put.StatusCode == HttpStatusCode.NotFound) return new PushResult(PushOutcome.Retry, await DescribeAsync("PUT item", put, cancellationToken));
                    return await ClassifyAsync("PUT item", put, cancellationToken);
                }
                if (post.StatusCode != HttpStatusCode.NotFound) return await ClassifyAsync("POST item", post, cancellationToken);
                if (collectionCreated)
                    return new PushResult(PushOutcome.Retry, await DescribeAsync("POST item after creating the collection", post, cancellationToken));
                if (!settings.CreateCollections)
                    return new PushResult(PushOutcome.Refused,
                        $"The target has no collection '{targetCollection}' ({await DescribeAsync("POST item", post, cancellationToken)}) and Stac:Publish:CreateCollections is off.");
                if (await ourCollection(cancellationToken) is not { } collection)
                    return new PushResult(PushOutcome.Refused, $"The target has no collection '{targetCollection}' and our catalog has no collection to create it from.");
                using var create = await SendAsync(client, HttpMethod.Post, "collections", OutgoingCollection(collection, targetCollection), cancellationToken);
                // 409: somebody created it meanwhile; either way the item's POST is tried again.
                if (!create.IsSuccessStatusCode && create.StatusCode != HttpStatusCode.Conflict)
                    return await ClassifyAsync("POST collection", create, cancellationToken);
            }
        }
        catch (HttpRequestException e)
        {
            return new PushResult(PushOutcome.Retry, $"The target is unreachable: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PushResult(PushOutcome.Retry, $"The target did not answer within {client.Timeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>
    /// The document sent for <paramref name="item"/>: its collection is the target's, and its root-relative links
    /// (<c>/stac/…</c>) are made absolute against <paramref name="sourceRoot"/>, or dropped when there is none
    /// (they would point into the target otherwise). Other relative links are dropped too.
    /// </summary>
    public static JsonObject OutgoingItem(JsonObject item, string targetCollection, string? sourceRoot)
    {
        var document = item.DeepClone().AsObject();
        document["collection"] = targetCollection;
        if (document["links"] is JsonArray links)
        {
            var kept = new JsonArray();
            foreach (var link in links.OfType<JsonObject>())
            {
                var href = link["href"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                if (href is null) continue;
                if (IsAbsoluteUrl(href))
                    kept.Add(link.DeepClone());
                else if (Absolute(href, sourceRoot) is { } absolute)
                {
                    var copy = link.DeepClone().AsObject();
                    copy["href"] = absolute;
                    kept.Add(copy);
                }
            }
            document["links"] = kept;
        }
        return document;
    }

    private static string? Absolute(string href, string? sourceRoot)
    {
        const string Api = "/stac";
        if (string.IsNullOrWhiteSpace(sourceRoot) || !href.StartsWith(Api + "/", StringComparison.Ordinal)) return null;
        return sourceRoot.TrimEnd('/') + href[Api.Length..];
    }

    // Not Uri.TryCreate alone: on Unix "/data/x" is an absolute file URI.
    private static bool IsAbsoluteUrl(string href) =>
        !href.StartsWith('/') && Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is not "file";

    private static JsonObject OutgoingCollection(JsonObject collection, string targetCollection)
    {
        var document = collection.DeepClone().AsObject();
        document["id"] = targetCollection;
        document["links"] = new JsonArray();
        return document;
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, JsonObject body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var request = new HttpRequestMessage(method, new Uri(settings.Url!.TrimEnd('/') + "/" + path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrWhiteSpace(settings.ApiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        return client.SendAsync(request, cancellationToken);
    }

    private static async Task<PushResult> ClassifyAsync(string what, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var detail = await DescribeAsync(what, response, cancellationToken);
        var code = (int)response.StatusCode;
        return code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            ? new PushResult(PushOutcome.Retry, detail)
            : new PushResult(PushOutcome.Refused, detail);
    }

    private static async Task<string> DescribeAsync(string what, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        if (body.Length > DetailLength) body = body[..DetailLength] + "…";
        return $"{what}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}{(body.Length > 0 ? $": {body}" : "")}";
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
