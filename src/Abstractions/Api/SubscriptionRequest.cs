using Actors.Abstractions.Feeds;

namespace Actors.Abstractions.Api;

/// <summary>
/// Body of <c>POST /api/subscriptions</c>: a feed subscription as a user writes it. Instants are RFC 3339 text,
/// the period <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c> or <c>hh:mm:ss</c> (default 5 minutes).
/// </summary>
public sealed record SubscriptionRequest
{
    /// <summary>The subscription id, a slug (see <see cref="FeedSubscriptionRules.ValidateId"/>).</summary>
    public string? Id { get; init; }

    /// <summary>The STAC API's root URL.</summary>
    public string? Source { get; init; }

    /// <summary>Collections to search; all when absent.</summary>
    public IReadOnlyList<string>? Collections { get; init; }

    /// <summary>Search box <c>[west, south, east, north]</c>; anywhere when absent.</summary>
    public double[]? Bbox { get; init; }

    /// <summary>Start of the datetime window (RFC 3339); open when absent.</summary>
    public string? Start { get; init; }

    /// <summary>End of the datetime window (RFC 3339); open when absent.</summary>
    public string? End { get; init; }

    /// <summary>CQL2 text filter, e.g. <c>eo:cloud_cover &lt; 20</c>.</summary>
    public string? Filter { get; init; }

    /// <summary>Products to make of each item; at least one.</summary>
    public IReadOnlyList<string>? Products { get; init; }

    /// <summary>Area of interest of the acquisitions; the whole scene when absent.</summary>
    public double[]? Aoi { get; init; }

    /// <summary>Time between polls: <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c> or <c>hh:mm:ss</c>; 5 minutes when absent.</summary>
    public string? Period { get; init; }

    /// <summary>The id and the definition the grain validates further (URL, boxes, products, period range).</summary>
    /// <exception cref="FeedSubscriptionRejectedException">The id is not a slug, or an instant or the period cannot be read.</exception>
    public (string Id, FeedSubscription Definition) ToDefinition()
    {
        FeedSubscriptionRules.ValidateId(Id);
        return (Id!, new FeedSubscription
        {
            SourceUrl = Source ?? "",
            Collections = Collections,
            Bbox = Bbox,
            Start = string.IsNullOrWhiteSpace(Start) ? null : FeedSubscriptionRules.ParseInstant("start", Start),
            End = string.IsNullOrWhiteSpace(End) ? null : FeedSubscriptionRules.ParseInstant("end", End),
            Filter = Filter,
            Products = Products ?? [],
            Aoi = Aoi,
            Period = string.IsNullOrWhiteSpace(Period) ? FeedSubscriptionRules.DefaultPeriod : FeedSubscriptionRules.ParsePeriod(Period),
        });
    }
}
