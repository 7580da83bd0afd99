using System.Globalization;
using System.Text.RegularExpressions;
using Actors.Abstractions.Geometry;

namespace Actors.Abstractions.Feeds;

/// <summary>What makes a subscription id and definition valid; the same checks at the API, in the SDK and in the grain.</summary>
public static partial class FeedSubscriptionRules
{
    /// <summary>The shortest period a subscription may poll at.</summary>
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromSeconds(1);

    /// <summary>The longest period a subscription may poll at.</summary>
    public static readonly TimeSpan MaximumPeriod = TimeSpan.FromDays(7);

    /// <summary>The period of a subscription that names none.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromMinutes(5);

    /// <summary>The longest filter text accepted.</summary>
    public const int MaximumFilterLength = 4000;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();

    /// <summary>Throws unless <paramref name="id"/> is a slug: 1-64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
    /// <exception cref="FeedSubscriptionRejectedException">The id is not a slug.</exception>
    public static void ValidateId(string? id)
    {
        if (id is null || !IdPattern().IsMatch(id))
            throw new FeedSubscriptionRejectedException(
                $"Invalid subscription id '{EchoedText.Of(id)}': use 1-64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.");
    }

    /// <summary>
    /// The definition with its URL, lists and filter normalized (trailing '/' of the URL removed, products and
    /// collections distinct, a blank filter dropped), or a rejection saying what is wrong.
    /// </summary>
    /// <param name="definition">The definition to check.</param>
    /// <param name="knownProducts">The product names the silo can make.</param>
    /// <exception cref="FeedSubscriptionRejectedException">The definition is invalid.</exception>
    public static FeedSubscription Normalize(FeedSubscription definition, IEnumerable<string> knownProducts)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var source = definition.SourceUrl?.Trim() ?? "";
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            throw new FeedSubscriptionRejectedException($"Invalid \"source\" '{EchoedText.Of(definition.SourceUrl)}': give the STAC API's root as an absolute http(s) URL, e.g. https://earth-search.aws.element84.com/v1.");
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw new FeedSubscriptionRejectedException($"Invalid \"source\" '{EchoedText.Of(definition.SourceUrl)}': the STAC API root takes no query or fragment.");

        var collections = definition.Collections?.Select(c => c?.Trim() ?? "").ToArray();
        if (collections is not null && collections.Any(string.IsNullOrEmpty))
            throw new FeedSubscriptionRejectedException("Invalid \"collections\": a collection id is empty.");

        if (definition.Bbox is not null) CheckBox("bbox", definition.Bbox);
        if (definition.Aoi is not null) CheckBox("aoi", definition.Aoi);
        if (definition.Start is { } start && definition.End is { } end && end < start)
            throw new FeedSubscriptionRejectedException($"Invalid datetime window: \"end\" ({Format(end)}) is before \"start\" ({Format(start)}).");

        var filter = string.IsNullOrWhiteSpace(definition.Filter) ? null : definition.Filter.Trim();
        if (filter is { Length: > MaximumFilterLength })
            throw new FeedSubscriptionRejectedException($"Invalid \"filter\": at most {MaximumFilterLength} characters of CQL2 text.");

        var products = (definition.Products ?? []).Select(p => p?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToArray();
        if (products.Length == 0 || products.Any(string.IsNullOrEmpty))
            throw new FeedSubscriptionRejectedException("Invalid \"products\": name at least one product to make, e.g. [\"water-bodies\", \"ndvi\"].");
        var known = knownProducts.ToHashSet(StringComparer.Ordinal);
        var unknown = products.Where(p => !known.Contains(p)).ToArray();
        if (unknown.Length > 0)
            throw new FeedSubscriptionRejectedException($"Unknown product(s) {string.Join(", ", unknown)}. Known products: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");

        if (definition.Period < MinimumPeriod || definition.Period > MaximumPeriod)
            throw new FeedSubscriptionRejectedException(
                $"Invalid \"period\" {definition.Period}: it must lie between {MinimumPeriod.TotalSeconds:0} second and {MaximumPeriod.TotalDays:0} days.");

        return definition with
        {
            SourceUrl = uri.AbsoluteUri.TrimEnd('/'),
            Collections = collections is { Length: > 0 } ? collections.Distinct(StringComparer.Ordinal).ToArray() : null,
            Filter = filter,
            Products = products,
        };
    }

    /// <summary>
    /// Parses a period: <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c> (a positive whole or decimal number and a unit)
    /// or a .NET time span <c>hh:mm:ss</c>.
    /// </summary>
    /// <exception cref="FeedSubscriptionRejectedException">The text is neither.</exception>
    public static TimeSpan ParsePeriod(string text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length >= 2 && trimmed[^1] is 's' or 'm' or 'h' or 'd'
            && double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            && double.IsFinite(amount) && amount is > 0 and < 1e6)
        {
            return trimmed[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }
        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span)) return span;
        throw new FeedSubscriptionRejectedException($"Invalid \"period\" '{EchoedText.Of(text)}': write e.g. 30s, 5m, 2h, 1d or 00:05:00.");
    }

    /// <summary>Parses an RFC 3339 instant (<c>2024-05-01T00:00:00Z</c>, or a date <c>2024-05-01</c> meaning its start in UTC).</summary>
    /// <exception cref="FeedSubscriptionRejectedException">The text is not an instant.</exception>
    public static DateTimeOffset ParseInstant(string field, string text)
    {
        if (DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            return instant;
        throw new FeedSubscriptionRejectedException($"Invalid \"{field}\" '{EchoedText.Of(text)}': write an RFC 3339 instant such as 2024-05-01T00:00:00Z.");
    }

    /// <summary>An instant as RFC 3339 in UTC, the way STAC searches write it.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void CheckBox(string field, double[] values)
    {
        try
        {
            Bbox.FromArray(values);
        }
        catch (FormatException e)
        {
            throw new FeedSubscriptionRejectedException($"Invalid \"{field}\": {e.Message}");
        }
    }
}
