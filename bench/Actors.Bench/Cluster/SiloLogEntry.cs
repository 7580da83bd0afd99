using System.Globalization;

namespace Actors.Bench.Cluster;

/// <summary>A warning or error a silo logged, with the benchmark phase that was running when it did.</summary>
/// <param name="Silo">The silo's name.</param>
/// <param name="At">When it was logged (UTC), from the entry's timestamp; the time it was read when the entry had none.</param>
/// <param name="Text">Level, category and message on one line.</param>
public sealed record SiloLogEntry(string Silo, DateTime At, string Text)
{
    /// <summary>The first line of an entry (<c>HH:mm:ss.fff level: category[id]</c>, UTC), or null for any other line.</summary>
    public static SiloLogEntry? TryParse(string silo, string line)
    {
        var trimmed = line.TrimStart();
        var space = trimmed.IndexOf(' ');
        if (space < 0) return null;
        var rest = trimmed[(space + 1)..];
        if (!(rest.StartsWith("warn: ", StringComparison.Ordinal) || rest.StartsWith("fail: ", StringComparison.Ordinal) || rest.StartsWith("crit: ", StringComparison.Ordinal)))
            return null;
        var at = TimeOnly.TryParseExact(trimmed[..space], "HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? DateTime.UtcNow.Date + time.ToTimeSpan()
            : DateTime.UtcNow;
        return new SiloLogEntry(silo, at, rest);
    }

    /// <summary>This entry with a continuation line of its message added.</summary>
    public SiloLogEntry Continued(string line) => this with { Text = Text + " " + line.Trim() };
}
