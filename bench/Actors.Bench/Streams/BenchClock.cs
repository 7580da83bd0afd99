using System.Diagnostics;

namespace Actors.Bench.Streams;

/// <summary>
/// Wall-clock time in Unix milliseconds with a stopwatch's resolution: the client's own timestamps and Redis entry ids
/// (milliseconds of the server's clock, the same machine's) are then on one axis.
/// </summary>
public static class BenchClock
{
    private static readonly double OriginMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private static readonly long OriginTicks = Stopwatch.GetTimestamp();

    /// <summary>Now, in Unix milliseconds.</summary>
    public static double NowMs() => OriginMs + Stopwatch.GetElapsedTime(OriginTicks).TotalMilliseconds;

    /// <summary>The time part of a Redis stream entry id (<c>1733050000000-0</c>), in Unix milliseconds.</summary>
    public static double OfEntryId(string entryId) => long.Parse(entryId.AsSpan(0, entryId.IndexOf('-', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
}
