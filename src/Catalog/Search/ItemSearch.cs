using Actors.Catalog.Filter;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Search;

/// <summary>
/// A validated item search: what STAC API item search, OGC API Features items, and the Filter, Sort and
/// Fields extensions let a client ask for. Every criterion is optional; all given ones must hold.
/// </summary>
public sealed record ItemSearch
{
    /// <summary>Only items of these collections.</summary>
    public IReadOnlyList<string>? Collections { get; init; }

    /// <summary>Only items with these ids.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>Only items whose geometry intersects this area (from <c>bbox</c> or <c>intersects</c>).</summary>
    public Shape? Area { get; init; }

    /// <summary>
    /// The envelopes an index can test <see cref="Area"/> by: two for a bbox across the antimeridian, whose
    /// single envelope would span the globe.
    /// </summary>
    public IReadOnlyList<Envelope> AreaEnvelopes { get; init; } = [];

    /// <summary>Only items whose datetime (or start/end range) overlaps this interval.</summary>
    public TimeInterval? Datetime { get; init; }

    /// <summary>Only items the CQL2 filter accepts.</summary>
    public Cql2Expression? Filter { get; init; }

    /// <summary>The order of the results; ties are broken by collection then id.</summary>
    public IReadOnlyList<SortField> SortBy { get; init; } = SortField.Default;

    /// <summary>Which parts of each item to return; null for whole items.</summary>
    public FieldsSelection? Fields { get; init; }

    /// <summary>At most this many items per page.</summary>
    public int Limit { get; init; } = SearchLimits.DefaultLimit;

    /// <summary>Where the page starts; null for the first page.</summary>
    public PageToken? Token { get; init; }
}
