namespace Actors.Catalog.Search;

/// <summary>Page sizes: what a request gets when it names none, and the most it can get.</summary>
public sealed record SearchLimits(int Default = SearchLimits.DefaultLimit, int Maximum = SearchLimits.MaximumLimit)
{
    /// <summary>The STAC API default page size.</summary>
    public const int DefaultLimit = 10;

    /// <summary>Larger requests are served this many items per page, as OGC API Features asks (no error).</summary>
    public const int MaximumLimit = 1000;
}
