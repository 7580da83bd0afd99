using Actors.Abstractions.Messages;
using Actors.Grains.Products;
using Actors.Grains.Runtime;
using MassTransit;

namespace Actors.Grains.Recovery;

/// <summary>
/// Sends a grain the message that makes it pick up unfinished work. Safe to repeat: grains are
/// idempotent, and one held by a live silo is left to it.
/// </summary>
public sealed class WorkResender(IGrainStateStore store, IBus bus)
{
    /// <summary>Re-sends the work message of <paramref name="grain"/>; returns false for kinds that hold no resumable work.</summary>
    public async Task<bool> ResendAsync(GrainRef grain, CancellationToken cancellationToken)
    {
        switch (grain.Kind)
        {
            case GrainKinds.Scene:
                await bus.Publish(new StageScene(grain.Key), cancellationToken);
                return true;
            case GrainKinds.Product:
                if (await store.ReadAsync<ProductState>(GrainKinds.Product, grain.Key, cancellationToken) is not { } product) return false;
                await bus.Publish(new ProcessProduct(product.State.SceneId, product.State.Product, product.State.Version), cancellationToken);
                return true;
            default:
                return false;
        }
    }
}
