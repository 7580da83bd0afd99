namespace Actors.Grains.Execution;

/// <summary>
/// The one piece of long work a grain activation runs beside its turns (staging, computing). It is started
/// from a turn and continues on the activation's scheduler, so the grain keeps answering calls while it
/// waits; CPU work inside it goes through <c>Task.Run</c>. Starting it again while it runs does nothing.
/// </summary>
public sealed class BackgroundWork
{
    private Task _running = Task.CompletedTask;
    private readonly CancellationTokenSource _leaving = new();
    private readonly CancellationTokenSource _abort = new();

    /// <summary>True while the work runs.</summary>
    public bool IsRunning => !_running.IsCompleted;

    /// <summary>Cancelled when the activation is leaving: stop taking on new steps.</summary>
    public CancellationToken Leaving => _leaving.Token;

    /// <summary>Cancelled only when a leaving activation ran out of time: abandon the step in progress.</summary>
    public CancellationToken Abort => _abort.Token;

    /// <summary>Starts <paramref name="work"/> unless it is already running. The work must not throw.</summary>
    public void EnsureStarted(Func<Task> work)
    {
        if (!IsRunning && !_leaving.IsCancellationRequested) _running = work();
    }

    /// <summary>
    /// For <c>OnDeactivateAsync</c>: no new steps, and the step in progress may finish (a graceful stop does
    /// not throw computed work away) until <paramref name="cancellationToken"/> ends the wait and aborts it.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _leaving.CancelAsync();
        await using var abort = cancellationToken.Register(() => _abort.Cancel());
        await _running.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Current);
    }
}
