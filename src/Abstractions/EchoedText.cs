namespace Actors.Abstractions;

/// <summary>
/// User input quoted back in an error message (hrefs, ids), cut to a length a log line and a 400 body can carry:
/// an href of megabytes must not come back whole.
/// </summary>
public static class EchoedText
{
    /// <summary>How many characters of an input an error message quotes.</summary>
    public const int MaxLength = 160;

    /// <summary><paramref name="text"/>, cut to <see cref="MaxLength"/> characters plus "…" when longer, control characters replaced.</summary>
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var cut = text.Length > MaxLength ? text[..MaxLength] : text;
        // A newline in an echoed href would let input forge lines in a log or a terminal.
        cut = string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = char.IsControl(source[i]) ? '?' : source[i];
        });
        return text.Length > MaxLength ? cut + "…" : cut;
    }
}
