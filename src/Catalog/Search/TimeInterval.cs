using Actors.Catalog.Filter;

namespace Actors.Catalog.Search;

/// <summary>
/// A closed or half-open instant range in Unix milliseconds (inclusive ends); null means open.
/// An item matches when its own [start, end] overlaps it.
/// </summary>
public sealed record TimeInterval(long? Start, long? End)
{
    /// <summary>
    /// Parses the STAC <c>datetime</c> parameter: one RFC 3339 instant, or <c>start/end</c> where either end
    /// may be <c>..</c> or empty (open), but not both.
    /// </summary>
    /// <exception cref="CatalogRequestException">The text is not such an instant or interval.</exception>
    public static TimeInterval Parse(string text)
    {
        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/');
        if (slash < 0)
        {
            var instant = Instant(trimmed, text);
            return new TimeInterval(instant, instant);
        }
        if (trimmed.IndexOf('/', slash + 1) >= 0)
            throw new CatalogRequestException($"datetime '{text}' has more than one '/': use 'start/end'.");
        var start = Bound(trimmed[..slash], text);
        var end = Bound(trimmed[(slash + 1)..], text);
        if (start is null && end is null)
            throw new CatalogRequestException($"datetime '{text}' is open at both ends: give at least one instant.");
        if (start > end)
            throw new CatalogRequestException($"datetime '{text}' starts after it ends.");
        return new TimeInterval(start, end);
    }

    private static long? Bound(string part, string text) => part is "" or ".." ? null : Instant(part, text);

    private static long Instant(string part, string text) => ItemTime.TryParseInstant(part, out var ms)
        ? ms
        : throw new CatalogRequestException($"datetime '{text}': '{part}' is not an RFC 3339 date-time such as 2024-05-01T10:00:00Z.");
}
