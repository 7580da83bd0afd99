namespace Actors.Bench.Cluster;

/// <summary>Percentiles of a set of latencies, in milliseconds.</summary>
/// <param name="Count">How many latencies were measured.</param>
/// <param name="P50">Median.</param>
/// <param name="P99">99th percentile (nearest rank: with fewer than 100 samples it is the maximum).</param>
/// <param name="Max">Slowest.</param>
public sealed record LatencySummary(int Count, double P50, double P99, double Max)
{
    /// <summary>Summarises <paramref name="milliseconds"/>; all zero when there are none.</summary>
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0) return new LatencySummary(0, 0, 0, 0);
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(sorted.Length, NearestRank(sorted, 0.50), NearestRank(sorted, 0.99), sorted[^1]);
    }

    // Nearest rank, not interpolation: every figure reported is a latency that was actually observed.
    private static double NearestRank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
