using Actors.Grains.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Runtime;

/// <summary>
/// Waits out an outage around one call to a service (database, broker, object store) inside a turn,
/// so work already done (a computed product, staged bands) is not thrown away and redone because a
/// service was restarting when its result was being saved. Other failures pass through at once.
/// </summary>
public sealed class OutageGuard(IOptions<SiloOptions> options, IHostApplicationLifetime lifetime, ILogger<OutageGuard> logger)
{
    /// <summary>
    /// The token for work a turn has committed to hold. A broker outage cancels the token of every
    /// delivery in flight, and the redelivered message then finds the work held by this live silo and
    /// leaves it here; so held work must run on to its commit, and only the end of the process stops it.
    /// A graceful stop waits for it, as the bus drains consumers before it stops.
    /// </summary>
    public CancellationToken HeldWork => lifetime.ApplicationStopped;

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
