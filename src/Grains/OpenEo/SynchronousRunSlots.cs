using Actors.Grains.Configuration;
using Microsoft.Extensions.Options;

namespace Actors.Grains.OpenEo;

/// <summary>
/// Bounds the synchronous openEO runs (<c>POST /result</c>) one silo computes at once
/// (<see cref="OpenEoSettings.MaxSynchronousRuns"/>): each already uses every core, so a request beyond the bound is
/// refused at once (the client retries) rather than queued while its connection waits.
/// </summary>
public sealed class SynchronousRunSlots(IOptions<OpenEoSettings> settings)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, settings.Value.MaxSynchronousRuns));

    /// <summary>A slot (dispose it to free it), or null when every slot is taken.</summary>
    public IDisposable? TryTake() => _slots.Wait(0) ? new Slot(_slots) : null;

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
