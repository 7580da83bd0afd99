namespace Actors.Grains.Configuration;

/// <summary>Settings of the feed subscriptions, bound from the <c>Feeds</c> configuration section (env: <c>Feeds__Overlap</c>, …).</summary>
public sealed class FeedSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Feeds";

    /// <summary>
    /// How far before its cursor a poll searches again, for items a source indexes late; ids published inside the
    /// overlap are remembered so the re-read publishes nothing twice.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The longest wait between polls after failures in a row (the wait doubles per failure from the period).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one request to a source may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Items asked for per page (<c>limit</c> of the search).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Pages one poll reads at most; the rest waits for the next poll.</summary>
    public int MaxPagesPerPoll { get; set; } = 1000;
}
