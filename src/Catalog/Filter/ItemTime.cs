using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Actors.Catalog.Filter;

/// <summary>
/// The time an item covers, in Unix milliseconds, both ends inclusive: [start_datetime, end_datetime] when the item has
/// both, else [datetime, datetime]. This is what the <c>datetime</c> property means to CQL2 and what SQL stores in dt_start/dt_end.
/// </summary>
/// <param name="Start">First millisecond covered.</param>
/// <param name="End">Last millisecond covered.</param>
public sealed partial record ItemTime(long Start, long End)
{
    /// <summary>
    /// The item's time from <c>properties.start_datetime</c> + <c>end_datetime</c> when both parse and start &lt;= end,
    /// else from <c>properties.datetime</c>; null when neither gives one.
    /// </summary>
    public static ItemTime? Of(JsonObject item)
    {
        if (item["properties"] is not JsonObject properties) return null;
        if (Instant(properties["start_datetime"]) is { } start && Instant(properties["end_datetime"]) is { } end && start <= end)
            return new ItemTime(start, end);
        return Instant(properties["datetime"]) is { } at ? new ItemTime(at, at) : null;
    }

    /// <summary>
    /// Strict RFC 3339 date-time (<c>2020-01-31T12:00:00.5Z</c>, <c>...+02:00</c>): a 'T' separator and an explicit offset
    /// are required; fractions beyond milliseconds are truncated; leap seconds are refused.
    /// </summary>
    public static bool TryParseInstant(string text, out long unixMilliseconds)
    {
        unixMilliseconds = 0;
        var match = Rfc3339().Match(text);
        if (!match.Success) return false;
        int Part(string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        try
        {
            var offset = TimeSpan.Zero;
            if (match.Groups["oh"].Success)
            {
                int hours = Part("oh"), minutes = Part("om");
                if (hours > 23 || minutes > 59) return false;
                offset = new TimeSpan(hours, minutes, 0);
                if (match.Groups["sign"].Value == "-") offset = -offset;
            }
            var fraction = match.Groups["frac"].Value;
            var ms = fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(3, '0')[..3], CultureInfo.InvariantCulture);
            var value = new DateTimeOffset(Part("y"), Part("mo"), Part("d"), Part("h"), Part("mi"), Part("s"), ms, offset);
            unixMilliseconds = value.ToUnixTimeMilliseconds();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>An RFC 3339 full-date (<c>2020-01-31</c>).</summary>
    internal static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && text.Length == 10;

    /// <summary>Midnight UTC starting the day, in Unix milliseconds.</summary>
    internal static long DayStart(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>The last millisecond of the day.</summary>
    internal static long DayEnd(DateOnly date) => DayStart(date) + 86_400_000 - 1;

    private static long? Instant(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && TryParseInstant(value.GetValue<string>(), out var ms) ? ms : null;

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})[Tt](?<h>[0-9]{2}):(?<mi>[0-9]{2}):(?<s>[0-9]{2})(?:\.(?<frac>[0-9]+))?(?:[Zz]|(?<sign>[+-])(?<oh>[0-9]{2}):(?<om>[0-9]{2}))\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
