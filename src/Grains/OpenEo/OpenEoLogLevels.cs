namespace Actors.Grains.OpenEo;

/// <summary>openEO log levels, from least to most severe: debug, info, warning, error.</summary>
public static class OpenEoLogLevels
{
    /// <summary>The levels in order of severity.</summary>
    public static IReadOnlyList<string> All { get; } = ["debug", "info", "warning", "error"];

    /// <summary>True when <paramref name="level"/> is a level.</summary>
    public static bool IsLevel(string? level) => level is not null && All.Contains(level);

    /// <summary>The severity rank (debug 0 … error 3); unknown levels rank as debug.</summary>
    public static int Rank(string? level) => Math.Max(0, All.IndexOf(level ?? ""));

    /// <summary>The more severe of two levels.</summary>
    public static string Max(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    private static int IndexOf(this IReadOnlyList<string> levels, string level)
    {
        for (var i = 0; i < levels.Count; i++)
            if (levels[i] == level) return i;
        return -1;
    }
}
