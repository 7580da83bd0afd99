namespace Actors.Grains.Publishing;

/// <summary>
/// Publishing outward, from the <c>Stac:Publish</c> configuration section: completed products are also pushed
/// to an external STAC API through its Transactions extension. Off while <see cref="Url"/> is unset.
/// </summary>
public sealed class StacPublishingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Stac:Publish";

    /// <summary>The name of the <see cref="System.Net.Http.IHttpClientFactory"/> client the pushes use.</summary>
    public const string HttpClientName = "stac-publish";

    /// <summary>The external STAC API's root, e.g. <c>http://host/stac</c>; unset turns publishing off.</summary>
    public string? Url { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer &lt;ApiKey&gt;</c> when set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Our collection id to the target's; a collection not named here keeps its id.</summary>
    public Dictionary<string, string> Collections { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the target has no such collection (404 on the item's POST), create it from our collection document first.</summary>
    public bool CreateCollections { get; set; } = true;

    /// <summary>
    /// Wait before the first retry of a push that failed transiently (5xx, 429, timeout, connection refused);
    /// each further failure doubles it, up to <see cref="MaxRetryDelay"/>.
    /// </summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two retries.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Our public STAC root (e.g. <c>https://eo.example.org/stac</c>): root-relative links of a pushed item are made absolute against it; unset drops them.</summary>
    public string? SourceRoot { get; set; }

    /// <summary>How long one HTTP request to the target may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when <see cref="Url"/> is set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    /// <summary>The target's collection for our <paramref name="collection"/>.</summary>
    public string TargetCollection(string collection) =>
        Collections.TryGetValue(collection, out var target) && !string.IsNullOrWhiteSpace(target) ? target : collection;

    /// <summary>Why the options are unusable, or null when they are fine.</summary>
    public string? Problem()
    {
        if (!Enabled) return null;
        if (!IsHttpUrl(Url)) return $"Stac:Publish:Url must be an absolute http(s) URL, not '{Url}'.";
        if (SourceRoot is { Length: > 0 } && !IsHttpUrl(SourceRoot)) return $"Stac:Publish:SourceRoot must be an absolute http(s) URL, not '{SourceRoot}'.";
        if (RetryPeriod <= TimeSpan.Zero) return "Stac:Publish:RetryPeriod must be positive.";
        if (MaxRetryDelay < RetryPeriod) return "Stac:Publish:MaxRetryDelay must be at least Stac:Publish:RetryPeriod.";
        if (Timeout <= TimeSpan.Zero) return "Stac:Publish:Timeout must be positive.";
        if (Collections.Any(c => string.IsNullOrWhiteSpace(c.Value) || c.Value.Contains('/')))
            return "Stac:Publish:Collections maps to non-empty collection ids without '/'.";
        return null;
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
