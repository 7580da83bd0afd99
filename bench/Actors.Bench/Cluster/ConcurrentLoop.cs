using System.Diagnostics;

namespace Actors.Bench.Cluster;

/// <summary>What one timed loop of calls achieved.</summary>
/// <param name="Calls">Calls made.</param>
/// <param name="Seconds">Wall time of the whole loop.</param>
/// <param name="Latency">Time of each call, start to reply.</param>
/// <param name="Unexpected">Calls that failed or answered something other than expected.</param>
/// <param name="FirstUnexpected">What the first of those was, for the report.</param>
public sealed record LoopFigures(int Calls, double Seconds, LatencySummary Latency, int Unexpected, string? FirstUnexpected)
{
    /// <summary>Calls per second over the whole loop.</summary>
    public double PerSecond => Calls / Seconds;
}

/// <summary>Runs a number of calls with a fixed number in flight and times them.</summary>
public static class ConcurrentLoop
{
    /// <summary>
    /// Makes <paramref name="calls"/> calls of <paramref name="call"/> (given the call's index), at most
    /// <paramref name="parallelism"/> at once. A call returns null when its reply was as expected, else what was wrong.
    /// </summary>
    public static async Task<LoopFigures> RunAsync(
        int calls, int parallelism, Func<int, CancellationToken, Task<string?>> call, CancellationToken cancellationToken)
    {
        var milliseconds = new double[calls];
        var unexpected = 0;
        string? firstUnexpected = null;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                string? problem;
                try
                {
                    problem = await call(index, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    problem = $"{e.GetType().Name}: {e.Message}";
                }
                milliseconds[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (problem is not null && Interlocked.Increment(ref unexpected) == 1) firstUnexpected = problem;
            });
        var seconds = clock.Elapsed.TotalSeconds;
        return new LoopFigures(calls, seconds, LatencySummary.Of(milliseconds), unexpected, firstUnexpected);
    }
}
