using System.Globalization;
using System.Text;
using Actors.Bench.Cluster;

namespace Actors.Bench.Catalog;

/// <summary>Formats a catalog run as Markdown: one table per size, the stores side by side with their ratio.</summary>
public static class CatalogReport
{
    /// <summary>The heading of the section the block lives in.</summary>
    public const string SectionHeading = "## STAC item search";

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The Markdown block of a run.</summary>
    public static string Format(CatalogOptions options, IReadOnlyList<StoreFigures> figures, string machine, IReadOnlyList<string> otherWork, string? reportPath)
    {
        var text = new StringBuilder();
        text.AppendLine(C, $"**{machine}, {DateTime.UtcNow:yyyy-MM-dd}**. {MachineLoad.Sentence(otherWork)} "
            + $"1-minute load average (2 cores): {string.Join(", ", figures.Select(f => $"{Name(f.Store)} {f.Size:N0} {f.LoadAverage.Before:F1} -> {f.LoadAverage.After:F1}"))}.");
        text.AppendLine();
        text.AppendLine(C, $"`{options.CommandLine(reportPath is null ? null : ReportBlock.Relative(reportPath))}`");
        foreach (var size in figures.Select(f => f.Size).Distinct())
        {
            var row = figures.Where(f => f.Size == size).ToList();
            var both = row.Count == 2;
            text.AppendLine();
            text.AppendLine(C, $"**{size:N0} items**");
            text.AppendLine();
            text.AppendLine("| figure | " + string.Join(" | ", row.Select(f => Name(f.Store))) + (both ? " | SQLite / PostgreSQL (p50 or rate) |" : " |"));
            text.AppendLine("|---" + string.Concat(row.Select(_ => "|---")) + (both ? "|---|" : "|"));
            void Add(string figure, Func<StoreFigures, string> cell, Func<StoreFigures, double>? ratioOf = null)
            {
                var ratio = both && ratioOf is not null && ratioOf(row[1]) > 0 ? string.Create(C, $" | {ratioOf(row[0]) / ratioOf(row[1]):F2}") : both ? " | " : "";
                text.AppendLine($"| {figure} | " + string.Join(" | ", row.Select(cell)) + ratio + " |");
            }
            Add(string.Create(C, $"load, items/s (batches of {options.Batch}, one transaction each)"), f => string.Create(C, $"**{f.LoadRate:F0}/s** ({f.LoadSeconds:F1} s)"), f => f.LoadRate);
            Add("items table and indexes on disk", f => string.Create(C, $"{f.DiskBytes / 1048576.0:F0} MB"), f => f.DiskBytes);
            Add(string.Create(C, $"bbox 5° x 5° + 30 days, first page of {CatalogBenchmark.PageSize} ({options.Queries} random searches)"),
                f => Search(f.BboxDatetime), f => f.BboxDatetime.Latency.P50);
            Add(string.Create(C, $"the same + `filter={CatalogBenchmark.CloudFilter}` (cql2-text)"),
                f => f.Filter is { } filter ? Search(filter) : $"skipped: {f.FilterSkipped}", f => f.Filter?.Latency.P50 ?? 0);
            Add(string.Create(C, $"paging the whole collection (datetime desc) by `next` token, {options.Pages} pages of {CatalogBenchmark.PageSize}"),
                f => Paging(f.Whole), f => f.Whole.PerPage.P50);
            Add("the same pages by LIMIT/OFFSET (peer: the old design)", f => Paging(f.Offset), f => f.Offset.PerPage.P50);
            Add("last page: LIMIT/OFFSET / keyset (same items?)", f => string.Create(C,
                $"**{f.Offset.LastPageMs / f.Whole.LastPageMs:F2}x** ({(f.Offset.LastPageIds.SequenceEqual(f.Whole.LastPageIds) ? "same items" : "**different items**")})"));
            Add(string.Create(C, $"paging bbox {CatalogBenchmark.BroadBbox} + 2022 by `next` token"), f => Paging(f.Broad), f => f.Broad.PerPage.P50);
            Add("bench process peak RSS so far", f => string.Create(C, $"{f.PeakRssMb:F0} MB"));
        }
        return text.ToString();
    }

    /// <summary>Replaces the block of the run's sizes in <paramref name="path"/>, or adds it to the section: a run of other sizes keeps its own block.</summary>
    public static Task WriteAsync(string path, CatalogOptions options, string block) =>
        ReportBlock.WriteAsync(path, SectionHeading, "catalog-search-" + string.Join('-', options.Sizes.Select(s => s.ToString(CultureInfo.InvariantCulture))), block);

    private static string Name(string store) => store == "sqlite" ? "SQLite" : "PostgreSQL";

    private static string Search(SearchFigures s) =>
        string.Create(C, $"p50 **{s.Latency.P50:F2}** ms, p99 {s.Latency.P99:F2} ms; {s.MeanItems:F1} items on average");

    private static string Paging(PagingFigures p) =>
        string.Create(C, $"{p.Pages} pages: p50 **{p.PerPage.P50:F2}** ms, p99 {p.PerPage.P99:F2} ms; page 1 {p.FirstPageMs:F2} ms, page {p.Pages} {p.LastPageMs:F2} ms ({p.LastPageMs / p.FirstPageMs:F2}x)");
}
