using System.Globalization;
using System.Text;

namespace Actors.Bench.Cluster;

/// <summary>The warnings and errors silos logged during a run, grouped for a report by phase and category.</summary>
public static class SiloProblemsReport
{
    /// <summary>A Markdown paragraph and list: each phase and category once, with its count and first message.</summary>
    public static string Format(IReadOnlyList<SiloLogEntry> problems, BenchPhases phases)
    {
        if (problems.Count == 0) return "The silos logged no warnings or errors.\n";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"The silos logged {problems.Count} warning or error entries (by phase and category, with the first message):");
        var groups = problems
            .GroupBy(p => (Phase: phases.At(p.At), Category: CategoryOf(p.Text)))
            .OrderBy(g => g.Min(p => p.At));
        foreach (var group in groups)
            text.AppendLine(CultureInfo.InvariantCulture, $"- {group.Key.Phase}, {group.Count()} x `{Shorten(group.First().Text)}`");
        return text.ToString();
    }

    /// <summary>Cuts a command line or log entry to a length a table cell or list item can hold, without backticks.</summary>
    public static string Shorten(string entry) => (entry.Length <= 240 ? entry : entry[..240] + " ...").Replace('`', '\'');

    // "fail: Orleans.Streams.events[103312] message": the level and category, without the message, which varies.
    private static string CategoryOf(string text) => text.IndexOf(']', StringComparison.Ordinal) is var end and > 0 ? text[..(end + 1)] : text;
}
