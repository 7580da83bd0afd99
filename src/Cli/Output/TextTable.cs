namespace Actors.Cli.Output;

/// <summary>A plain-text table with left-aligned columns sized to their widest cell.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; missing cells are blank.</summary>
    public TextTable Add(params string?[] cells)
    {
        var row = new string[headers.Length];
        for (var i = 0; i < row.Length; i++) row[i] = i < cells.Length ? cells[i] ?? "" : "";
        _rows.Add(row);
        return this;
    }

    /// <summary>Writes the header and rows.</summary>
    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        WriteRow(writer, headers, widths);
        foreach (var row in _rows) WriteRow(writer, row, widths);
    }

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        // The last column is not padded so long details (reasons, paths) do not leave trailing spaces.
        var padded = cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]));
        writer.WriteLine(string.Join("  ", padded).TrimEnd());
    }
}
