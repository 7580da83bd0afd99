namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>Waits on conditions with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Polls <paramref name="probe"/> until it returns a non-null value, and returns it; fails with
    /// <paramref name="what"/> when <paramref name="timeout"/> passes first.
    /// </summary>
    public static async Task<T> GetAsync<T>(string what, TimeSpan timeout, Func<CancellationToken, Task<T?>> probe, CancellationToken cancellationToken = default)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await probe(deadline.Token) is { } value) return value;
            }
            catch (Exception e) when (e is not OperationCanceledException || !deadline.IsCancellationRequested)
            {
                lastError = e;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The deadline fired inside the probe; report it below like any other timeout.
            }
            try
            {
                await Task.Delay(PollInterval, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"Timed out after {timeout.TotalSeconds:0} s waiting for {what}."
                    + (lastError is null ? "" : $" Last error: {lastError.GetType().Name}: {lastError.Message}"));
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it is true; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static Task TrueAsync(string what, TimeSpan timeout, Func<CancellationToken, Task<bool>> condition, CancellationToken cancellationToken = default) =>
        GetAsync<object>(what, timeout, async ct => await condition(ct) ? new object() : null, cancellationToken);
}
