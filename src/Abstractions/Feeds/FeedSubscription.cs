namespace Actors.Abstractions.Feeds;

/// <summary>
/// What a feed subscription polls and what it makes of each new item: an external STAC API, a search
/// (collections, bbox, datetime window, CQL2 text filter), the products and AOI of the acquisitions it
/// publishes, and how often it polls. Two definitions are the same subscription when all fields are equal.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FeedSubscription
{
    /// <summary>The STAC API's root URL (http or https); searches go to <c>{SourceUrl}/search</c>.</summary>
    [Id(0)] public string SourceUrl { get; init; } = "";

    /// <summary>Collections to search; every collection of the source when absent or empty.</summary>
    [Id(1)] public IReadOnlyList<string>? Collections { get; init; }

    /// <summary>Search box <c>[west, south, east, north]</c> in WGS84 degrees; anywhere when absent.</summary>
    [Id(2)] public double[]? Bbox { get; init; }

    /// <summary>Items acquired at or after this instant; the window is open to the past when absent.</summary>
    [Id(3)] public DateTimeOffset? Start { get; init; }

    /// <summary>Items acquired at or before this instant; the window is open to the future when absent.</summary>
    [Id(4)] public DateTimeOffset? End { get; init; }

    /// <summary>A CQL2 text filter the source applies, e.g. <c>eo:cloud_cover &lt; 20</c>; none when absent.</summary>
    [Id(5)] public string? Filter { get; init; }

    /// <summary>Products to make of each item (see <see cref="ProductNames"/>); never empty.</summary>
    [Id(6)] public IReadOnlyList<string> Products { get; init; } = [];

    /// <summary>Area of interest <c>[west, south, east, north]</c> of the acquisitions; the whole scene when absent.</summary>
    [Id(7)] public double[]? Aoi { get; init; }

    /// <summary>Time between polls.</summary>
    [Id(8)] public TimeSpan Period { get; init; }

    /// <summary>True when <paramref name="other"/> defines the same subscription, field by field.</summary>
    public bool SameAs(FeedSubscription other) =>
        SourceUrl == other.SourceUrl
        && SequenceEqual(Collections, other.Collections)
        && SequenceEqual(Bbox, other.Bbox)
        && Start == other.Start && End == other.End
        && Filter == other.Filter
        && Products.SequenceEqual(other.Products)
        && SequenceEqual(Aoi, other.Aoi)
        && Period == other.Period;

    private static bool SequenceEqual<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        (a is null || a.Count == 0) ? (b is null || b.Count == 0) : b is not null && a.SequenceEqual(b);
}
