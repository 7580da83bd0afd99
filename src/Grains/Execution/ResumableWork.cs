using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.Grains.Execution;

/// <summary>
/// The open work of one grain activation (staging, computing), shared by scene and product grains. While work is
/// open the grain holds a reminder named <c>resume</c>, so a dead silo or a restart never loses it: the reminder
/// re-activates the grain wherever the cluster places it. The work itself runs as steps beside the grain's turns,
/// on the activation's scheduler, so the grain keeps answering calls; CPU work inside a step goes through
/// <c>Task.Run</c>. Starting it while it runs does nothing.
/// </summary>
/// <param name="grain">The grain whose reminder this is.</param>
/// <param name="step">One step towards done; false when nothing is left to do.</param>
/// <param name="reload">Reads the stored state again, after a write whose answer was lost.</param>
/// <param name="outages">Retries the reminder calls through a database outage.</param>
/// <param name="period">The reminder's period.</param>
/// <param name="logger">The grain's logger.</param>
public sealed class ResumableWork(Grain grain, Func<Task<bool>> step, Func<Task> reload, OutageGuard outages, TimeSpan period, ILogger logger)
{
    private const string ReminderName = "resume";
    private readonly CancellationTokenSource _leaving = new();
    private readonly CancellationTokenSource _abort = new();
    private Task _running = Task.CompletedTask;
    private bool _reminderHeld;

    /// <summary>True while the steps run.</summary>
    public bool IsRunning => !_running.IsCompleted;

    /// <summary>Cancelled when the activation is leaving: take on no new step.</summary>
    public CancellationToken Leaving => _leaving.Token;

    /// <summary>Cancelled only when a leaving activation ran out of time: abandon the step in progress.</summary>
    public CancellationToken Abort => _abort.Token;

    /// <summary>Starts the steps unless they run or the activation is leaving.</summary>
    public void EnsureStarted()
    {
        if (!IsRunning && !_leaving.IsCancellationRequested) _running = RunAsync();
    }

    /// <summary>Registers the reminder (once per activation): from now on the work outlives this activation.</summary>
    public async Task HoldReminderAsync()
    {
        if (_reminderHeld) return;
        await outages.RunAsync($"Registering the reminder of {grain.GetGrainId()}",
            _ => grain.RegisterOrUpdateReminder(ReminderName, period, period), CancellationToken.None);
        _reminderHeld = true;
    }

    /// <summary>Drops the reminder: the work is done.</summary>
    public async Task DropReminderAsync()
    {
        if (await grain.GetReminder(ReminderName) is { } reminder) await grain.UnregisterReminder(reminder);
        _reminderHeld = false;
    }

    /// <summary>
    /// For <c>OnDeactivateAsync</c>: no new steps, and the step in progress may finish (a graceful stop does not
    /// throw computed work away) until <paramref name="cancellationToken"/> ends the wait and aborts it.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _leaving.CancelAsync();
        await using var abort = cancellationToken.Register(() => _abort.Cancel());
        await _running.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Current);
    }

    private async Task RunAsync()
    {
        try
        {
            while (!_leaving.IsCancellationRequested)
            {
                try
                {
                    if (!await step()) return;
                }
                catch (InconsistentStateException)
                {
                    // A write whose answer was lost may have landed: continue from what is stored.
                    await reload();
                }
            }
        }
        catch (OperationCanceledException) when (_leaving.IsCancellationRequested)
        {
            logger.LogInformation("{Grain} left its work unfinished as the activation leaves; its reminder resumes it", grain.GetGrainId());
        }
        catch (Exception e)
        {
            // A service stayed down past the outage retries: the reminder tries again later.
            logger.LogWarning(e, "Work on {Grain} stopped; its reminder resumes it", grain.GetGrainId());
        }
    }
}
