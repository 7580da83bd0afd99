namespace Actors.Abstractions;

/// <summary>
/// Quotes user input in error messages, cut short: an error never grows with what was sent, so a 20 MB value
/// is not echoed into a 40 MB answer or a log line.
/// </summary>
public static class Echo
{
    /// <summary>How many characters of a value an error quotes.</summary>
    public const int MaxLength = 160;

    /// <summary><paramref name="value"/> itself when short, else its start and how long it was.</summary>
    public static string Truncate(string? value)
    {
        if (value is null) return "";
        return value.Length <= MaxLength ? value : $"{value[..MaxLength]}… ({value.Length} characters)";
    }
}
