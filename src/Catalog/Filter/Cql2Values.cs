using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Filter;

/// <summary>An instant operand (Unix ms).</summary>
internal readonly record struct Instant(long Ms);

/// <summary>A temporal operand: instants are [t, t]; open interval ends are long.MinValue / long.MaxValue.</summary>
internal readonly record struct TimeRange(long Start, long End);

/// <summary>
/// Runtime values of CQL2 operands: string, double, bool, <see cref="Instant"/>, <see cref="TimeRange"/>, <see cref="Shape"/>,
/// List&lt;object?&gt; (arrays) or JsonObject (opaque objects); null for missing. The comparison rules live here.
/// </summary>
internal static class Cql2Values
{
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => array.Select(FromJson).ToList(),
        JsonObject obj => obj,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => JsonNumber.ToDouble(value),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };

    /// <summary>Three-way comparison when the operands are comparable, else null (missing, mismatched types).</summary>
    public static int? Compare(object? a, object? b) => (a, b) switch
    {
        (string x, string y) => CompareCodePoints(x, y),
        (double x, double y) => x.CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        (Instant x, Instant y) => x.Ms.CompareTo(y.Ms),
        (Instant x, string y) => AsInstant(y) is { } t ? x.Ms.CompareTo(t) : null,
        (string x, Instant y) => AsInstant(x) is { } t ? t.CompareTo(y.Ms) : null,
        _ => null,
    };

    public static bool Compare(object? a, object? b, ComparisonOperator op)
    {
        // Booleans have equality but no order.
        if (a is bool && b is bool && op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual)) return false;
        return Compare(a, b) is { } c && op switch
        {
            ComparisonOperator.Equal => c == 0,
            ComparisonOperator.NotEqual => c != 0,
            ComparisonOperator.Less => c < 0,
            ComparisonOperator.LessOrEqual => c <= 0,
            ComparisonOperator.Greater => c > 0,
            _ => c >= 0,
        };
    }

    /// <summary>Element equality for the array operators: same type and value, arrays element by element.</summary>
    public static bool ElementEquals(object? a, object? b) => (a, b) switch
    {
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => ElementEquals(p.First, p.Second)),
        (string or double or bool or Instant, _) => Compare(a, b) == 0 && a.GetType() == b!.GetType(),
        _ => false,
    };

    /// <summary>An RFC 3339 timestamp, or a full date taken as its midnight UTC.</summary>
    public static long? AsInstant(string text)
    {
        if (ItemTime.TryParseInstant(text, out var ms)) return ms;
        return ItemTime.TryParseDate(text, out var date) ? ItemTime.DayStart(date) : null;
    }

    /// <summary>An RFC 3339 timestamp as [t, t], or a full date as the whole day.</summary>
    public static TimeRange? AsRange(string text)
    {
        if (ItemTime.TryParseInstant(text, out var ms)) return new TimeRange(ms, ms);
        return ItemTime.TryParseDate(text, out var date) ? new TimeRange(ItemTime.DayStart(date), ItemTime.DayEnd(date)) : null;
    }

    /// <summary>Orders strings by Unicode code point, as SQLite (BINARY on UTF-8) and PostgreSQL COLLATE "C" do.</summary>
    public static int CompareCodePoints(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            Rune.DecodeFromUtf16(a.AsSpan(i), out var x, out var dx);
            Rune.DecodeFromUtf16(b.AsSpan(j), out var y, out var dy);
            if (x != y) return x.Value.CompareTo(y.Value);
            i += dx;
            j += dy;
        }
        return (i < a.Length ? 1 : 0) - (j < b.Length ? 1 : 0);
    }

    public static string CaseFold(string text) => text.ToLowerInvariant();

    public static string StripAccents(string text) => AccentFolding.Strip(text);
}
