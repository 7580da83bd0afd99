using System.Globalization;
using System.Text.RegularExpressions;

namespace Actors.OpenEo.Graphs;

/// <summary>The RFC 3339 date and date-time strings openEO's <c>date</c> and <c>date-time</c> formats mean.</summary>
internal static partial class TemporalStrings
{
    /// <summary>Whether <paramref name="text"/> is an RFC 3339 <c>full-date</c> (<c>2024-05-01</c>).</summary>
    public static bool IsDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>Whether <paramref name="text"/> is an RFC 3339 <c>date-time</c>: a time and a zone are both required.</summary>
    public static bool IsDateTime(string text) => DateTimeShape().IsMatch(text) &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    /// <summary>The instant a date (midnight UTC) or date-time stands for, or null when it is neither.</summary>
    public static DateTimeOffset? Instant(string text)
    {
        if (IsDate(text)) return new DateTimeOffset(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture), TimeOnly.MinValue, TimeSpan.Zero);
        if (IsDateTime(text)) return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return null;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeShape();
}
