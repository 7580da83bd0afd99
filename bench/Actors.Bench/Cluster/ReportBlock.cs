namespace Actors.Bench.Cluster;

/// <summary>
/// A run's block in docs/benchmarks.md, between <c>&lt;!-- bench:{name}:begin --&gt;</c> and <c>…:end --&gt;</c>
/// markers: a later run of the same kind replaces it, the rest of the file stays as written.
/// </summary>
public static class ReportBlock
{
    /// <summary>
    /// Replaces block <paramref name="name"/> in <paramref name="path"/> with <paramref name="content"/>, or adds it at
    /// the end of the section <paramref name="sectionHeading"/> (creating the section at the end if needed).
    /// </summary>
    public static async Task WriteAsync(string path, string sectionHeading, string name, string content)
    {
        var (begin, end) = ($"<!-- bench:{name}:begin -->", $"<!-- bench:{name}:end -->");
        var block = $"{begin}\n{content}{end}";
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Benchmarks\n";
        var start = existing.IndexOf(begin, StringComparison.Ordinal);
        var stop = existing.IndexOf(end, StringComparison.Ordinal);
        string updated;
        if (start >= 0 && stop > start)
            updated = existing[..start] + block + existing[(stop + end.Length)..];
        else if (existing.IndexOf(sectionHeading, StringComparison.Ordinal) is var heading and >= 0)
        {
            var next = existing.IndexOf("\n## ", heading + sectionHeading.Length, StringComparison.Ordinal);
            var at = next < 0 ? existing.Length : next + 1;
            updated = existing[..at].TrimEnd() + "\n\n" + block + "\n" + (next < 0 ? "" : "\n" + existing[at..]);
        }
        else
            updated = existing.TrimEnd() + "\n\n" + sectionHeading + "\n\n" + block + "\n";
        await File.WriteAllTextAsync(path, updated);
    }

    /// <summary>The report's path relative to the current folder, the way a reader in the repository runs the command.</summary>
    public static string Relative(string reportPath)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), reportPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? reportPath : relative;
    }
}
