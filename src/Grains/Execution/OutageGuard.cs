using Actors.Grains.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Execution;

/// <summary>
/// Waits out an outage around one call to a service (database, object store) inside grain work,
/// so work already done (a computed product, staged bands) is not thrown away and redone because a
/// service was restarting when its result was being saved. Other failures pass through at once.
/// </summary>
public sealed class OutageGuard(IOptions<SiloSettings> options, ILogger<OutageGuard> logger)
{
    /// <summary>Runs <paramref name="call"/>, retrying with backoff while it fails transiently.</summary>
    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (Exception e) when (TransientFailures.Is(e) && attempt < options.Value.TransientRetryLimit && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("{What} failed (try {Attempt}), retrying in {Delay}: {Reason}", what, attempt, delay, e.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    /// <summary>Runs <paramref name="call"/>, retrying with backoff while it fails transiently.</summary>
    public Task RunAsync(string what, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunAsync(what, async ct =>
        {
            await call(ct);
            return true;
        }, cancellationToken);
}
