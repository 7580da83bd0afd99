using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Tests.Feeds;

/// <summary>
/// A stand-in for an external STAC API on a loopback port: <c>POST /stac/search</c> over a list of items the test
/// changes, with the datetime window, a <c>eo:cloud_cover &lt; N</c> CQL2 filter, sorting by datetime and paging by
/// POST next links (<c>merge: true</c> with a token). It can be switched down (503) wholly or from a page on.
/// </summary>
public sealed partial class StubStacSource : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<JsonObject> _items = [];
    private readonly List<(DateTimeOffset At, JsonObject Body, int Status)> _requests = [];
    private readonly Lock _lock = new();

    private StubStacSource(WebApplication app) => _app = app;

    /// <summary>The STAC API root, e.g. <c>http://127.0.0.1:PORT/stac</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>When true every search answers 503.</summary>
    public bool Down { get; set; }

    /// <summary>When set, requests for this page number or later answer 503 (page 1 is the first).</summary>
    public int? FailFromPage { get; set; }

    /// <summary>How next links page: POST with a token merged into the body (default), POST with the whole body, or GET.</summary>
    public PagingStyle Paging { get; set; } = PagingStyle.PostMerge;

    /// <summary>The ways a STAC API's next links can page.</summary>
    public enum PagingStyle
    {
        /// <summary><c>"method": "POST", "merge": true</c> and a body with the token.</summary>
        PostMerge,

        /// <summary><c>"method": "POST"</c>, the whole body with the token.</summary>
        PostWholeBody,

        /// <summary>A plain href with the search in its query.</summary>
        Get,
    }

    /// <summary>Every search request so far: when, its body and the status answered.</summary>
    public IReadOnlyList<(DateTimeOffset At, JsonObject Body, int Status)> Requests
    {
        get { lock (_lock) return [.. _requests]; }
    }

    /// <summary>Starts the source on a free loopback port.</summary>
    public static async Task<StubStacSource> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var source = new StubStacSource(app);
        app.MapPost("/stac/search", source.SearchAsync);
        app.MapGet("/stac/search", source.SearchByGet);
        await app.StartAsync();
        source.Url = app.Urls.Single().TrimEnd('/') + "/stac";
        return source;
    }

    /// <summary>Adds items the next searches find.</summary>
    public void Add(params JsonObject[] items)
    {
        lock (_lock) _items.AddRange(items);
    }

    /// <summary>A minimal STAC item with a datetime, a cloud cover and a self link into this source.</summary>
    public JsonObject Item(string id, DateTimeOffset datetime, double cloudCover) => new()
    {
        ["type"] = "Feature",
        ["stac_version"] = "1.1.0",
        ["id"] = id,
        ["collection"] = "sentinel-2-l2a",
        ["geometry"] = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[13,53],[14,53],[14,54],[13,54],[13,53]]]}"""),
        ["bbox"] = new JsonArray(13, 53, 14, 54),
        ["properties"] = new JsonObject
        {
            ["datetime"] = datetime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["eo:cloud_cover"] = cloudCover,
        },
        ["assets"] = new JsonObject(),
        ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = $"{Url}/collections/sentinel-2-l2a/items/{id}" }),
    };

    // A GET next link carries the whole search as JSON in its "search" query parameter.
    private IResult SearchByGet(HttpRequest request) =>
        Search(JsonNode.Parse(request.Query["search"].ToString()) as JsonObject ?? []);

    private async Task<IResult> SearchAsync(HttpRequest request) =>
        Search(await JsonNode.ParseAsync(request.Body) as JsonObject ?? []);

    private IResult Search(JsonObject body)
    {
        var offset = body["token"] is JsonValue t ? t.GetValue<int>() : 0;
        var limit = body["limit"] is JsonValue l ? l.GetValue<int>() : 10;
        var page = offset / Math.Max(1, limit) + 1;
        var failing = Down || (FailFromPage is { } from && page >= from);
        lock (_lock) _requests.Add((DateTimeOffset.UtcNow, (JsonObject)body.DeepClone(), failing ? 503 : 200));
        if (failing) return Microsoft.AspNetCore.Http.Results.Text("source down for maintenance", statusCode: (int)HttpStatusCode.ServiceUnavailable);

        List<JsonObject> matching;
        lock (_lock) matching = _items.Where(i => Matches(i, body)).ToList();
        matching = [.. matching.OrderBy(DatetimeOf).ThenBy(i => (string)i["id"]!, StringComparer.Ordinal)];
        var features = matching.Skip(offset).Take(limit).Select(i => (JsonNode)i.DeepClone()).ToArray();
        var links = new JsonArray();
        if (offset + limit < matching.Count)
        {
            var whole = (JsonObject)body.DeepClone();
            whole["token"] = offset + limit;
            links.Add(Paging switch
            {
                PagingStyle.PostMerge => new JsonObject
                {
                    ["rel"] = "next",
                    ["href"] = Url + "/search",
                    ["method"] = "POST",
                    ["merge"] = true,
                    ["body"] = new JsonObject { ["token"] = offset + limit },
                },
                PagingStyle.PostWholeBody => new JsonObject
                {
                    ["rel"] = "next",
                    ["href"] = Url + "/search",
                    ["method"] = "POST",
                    ["body"] = whole,
                },
                _ => new JsonObject
                {
                    ["rel"] = "next",
                    ["href"] = $"{Url}/search?search={Uri.EscapeDataString(whole.ToJsonString())}",
                    ["type"] = "application/geo+json",
                },
            });
        }
        var collection = new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(features),
            ["links"] = links,
            ["numberMatched"] = matching.Count,
            ["numberReturned"] = features.Length,
        };
        return Microsoft.AspNetCore.Http.Results.Text(collection.ToJsonString(), "application/geo+json");
    }

    [GeneratedRegex(@"^\s*eo:cloud_cover\s*<\s*([0-9.]+)\s*$")]
    private static partial Regex CloudCoverBelow();

    private static bool Matches(JsonObject item, JsonObject body)
    {
        var datetime = DatetimeOf(item);
        if (body["datetime"] is JsonValue window)
        {
            var parts = window.GetValue<string>().Split('/');
            if (parts[0] != ".." && datetime < DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture)) return false;
            if (parts[1] != ".." && datetime > DateTimeOffset.Parse(parts[1], CultureInfo.InvariantCulture)) return false;
        }
        if (body["filter"] is JsonValue filter)
        {
            var match = CloudCoverBelow().Match(filter.GetValue<string>());
            if (!match.Success) throw new InvalidOperationException($"The stub understands only 'eo:cloud_cover < N', got {filter}.");
            if (item["properties"]!["eo:cloud_cover"]!.GetValue<double>() >= double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)) return false;
        }
        return true;
    }

    private static DateTimeOffset DatetimeOf(JsonObject item) =>
        DateTimeOffset.Parse(item["properties"]!["datetime"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
