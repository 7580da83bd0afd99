using System.Globalization;
using System.Text;

namespace Actors.Bench;

/// <summary>One product's measurements.</summary>
public sealed record BenchRow(string Product, MeasuredRun Floor, MeasuredRun OurDecode, MeasuredRun Ours, MeasuredRun? Peer, MeasuredRun? LeanPeer, string OursDirectory, string PeerDirectory);

/// <summary>Formats the figures as Markdown and keeps them in docs/benchmarks.md.</summary>
public static class BenchReport
{
    private const string Begin = "<!-- bench:full-tile:begin -->";
    private const string End = "<!-- bench:full-tile:end -->";

    public static string Format(BenchOptions options, IReadOnlyList<BenchRow> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Scene {options.Size} x {options.Size} (synthetic S2 L2A, uint16 DEFLATE COGs), {Environment.ProcessorCount} cores, best of {options.Runs} runs for ours and the decodes, 1 run for each peer. {DateTime.UtcNow:yyyy-MM-dd}.");
        text.AppendLine();
        text.AppendLine("| product | decode floor (GDAL) s | our decode s | ours s | ours / floor | floor CPU s | ours CPU s | ours peak RSS MB | peer (app package) s | peer peak RSS MB | peer / ours | lean peer s | lean peer / ours |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var peer = r.Peer is null ? "| – | – | – |" : string.Create(c, $"| {r.Peer.Seconds:F2} | {r.Peer.PeakRssMb:F0} | {r.Peer.Seconds / r.Ours.Seconds:F1}x |");
            peer += r.LeanPeer is null ? " – | – |" : string.Create(c, $" {r.LeanPeer.Seconds:F2} | {r.LeanPeer.Seconds / r.Ours.Seconds:F1}x |");
            text.AppendLine(c, $"| {r.Product} | {r.Floor.Seconds:F2} | {r.OurDecode.Seconds:F2} | {r.Ours.Seconds:F2} | {r.Ours.Seconds / r.Floor.Seconds:F2} | {r.Floor.CpuSeconds:F2} | {r.Ours.CpuSeconds:F2} | {r.Ours.PeakRssMb:F0} {peer}");
        }
        var water = rows.FirstOrDefault(r => r.Product == "water-bodies");
        if (water?.Peer is not null)
        {
            var result = BenchCommand.OurResult(water.Ours.StandardOutput);
            var (agree, compared) = MaskAgreement.Compare(result["data"]!.GetValue<string>(), Path.Combine(water.PeerDirectory, "otsu.tif"));
            var ours = result["properties"]?["water-bodies:otsu_threshold"]?.GetValue<double>();
            var peer = BenchCommand.LastJsonLine(water.Peer.StandardOutput)?["threshold"]?.GetValue<double>();
            text.AppendLine();
            var min = result["properties"]?["water-bodies:ndwi_min"]?.GetValue<double>() ?? double.NaN;
            var max = result["properties"]?["water-bodies:ndwi_max"]?.GetValue<double>() ?? double.NaN;
            var bins = Math.Abs((ours ?? double.NaN) - (peer ?? double.NaN)) / ((max - min) / 256);
            text.AppendLine(c, $"Water mask agreement with the peer: {100.0 * agree / compared:F4}% of {compared:N0} pixels; Otsu threshold ours {ours:F6}, peer {peer:F6} ({bins:F2} bin widths apart).");
        }
        text.AppendLine();
        text.AppendLine("Times are wall-clock seconds of the whole process (start-up included) under GNU time, CPU is user + system seconds of the same run; the floor is GDAL decoding the two input bands in the same strips on all cores and nothing else; our decode is the same strips decoded by our direct block path (libdeflate), which the products use. Every contender writes into an empty folder. The peer is bench/reference/water_bodies.py written as the water-bodies application package does it (crop with rasterio.mask, every step's output an LZW COG); the lean peer is the same steps with window reads and uncompressed GeoTIFFs.");
        return text.ToString();
    }

    public static async Task WriteAsync(string path, string report, BenchOptions options)
    {
        var block = $"{Begin}\n{report}{End}";
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Benchmarks\n\n";
        var start = existing.IndexOf(Begin, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        var updated = start >= 0 && end > start
            ? existing[..start] + block + existing[(end + End.Length)..]
            : existing.TrimEnd() + "\n\n" + block + "\n";
        await File.WriteAllTextAsync(path, updated);
    }
}
