using Actors.Grains.Configuration;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Execution;

/// <summary>
/// Bounds the raster work one silo runs at once (<see cref="SiloSettings.ProductConcurrency"/> products and
/// <see cref="SiloSettings.SceneConcurrency"/> stagings): each computation already uses every core, so more
/// at once only adds memory. Grains wait for a slot beside their turns, so they keep answering meanwhile.
/// </summary>
public sealed class ComputeSlots(IOptions<SiloSettings> settings)
{
    private readonly SemaphoreSlim _products = new(Math.Max(1, settings.Value.ProductConcurrency));
    private readonly SemaphoreSlim _scenes = new(Math.Max(1, settings.Value.SceneConcurrency));

    /// <summary>Waits for a product slot; dispose the result to free it.</summary>
    public Task<IDisposable> ProductAsync(CancellationToken cancellationToken) => TakeAsync(_products, cancellationToken);

    /// <summary>Waits for a staging slot; dispose the result to free it.</summary>
    public Task<IDisposable> SceneAsync(CancellationToken cancellationToken) => TakeAsync(_scenes, cancellationToken);

    private static async Task<IDisposable> TakeAsync(SemaphoreSlim semaphore, CancellationToken cancellationToken)
    {
        await semaphore.WaitAsync(cancellationToken);
        return new Slot(semaphore);
    }

    private sealed class Slot(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }
    }
}
