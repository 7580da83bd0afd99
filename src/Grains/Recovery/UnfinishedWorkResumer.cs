using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Messages;
using Actors.Grains.Products;
using Actors.Grains.Runtime;
using Actors.Grains.Scenes;
using Actors.Processing.Products;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Recovery;

/// <summary>
/// On start-up, re-sends the messages of work that was accepted but not finished: the in-memory
/// transport loses in-flight messages with the process, the state store does not. The grains are
/// idempotent, so re-sending work that had in fact finished only re-emits its results.
/// </summary>
public sealed class UnfinishedWorkResumer(
    IGrainStateStore store, IBus bus, ProcessorRegistry processors, WorkDirectory work, ILogger<UnfinishedWorkResumer> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        work.Clean();
        var resumed = 0;
        foreach (var sceneId in await store.FindAsync(GrainKinds.Scene, [SceneStates.Accepted, SceneStates.Staging], stoppingToken))
        {
            await bus.Publish(new StageScene(sceneId), stoppingToken);
            resumed++;
        }
        foreach (var sceneId in await store.FindAsync(GrainKinds.Scene, [SceneStates.Staged], stoppingToken))
        {
            var scene = await store.ReadAsync<SceneState>(GrainKinds.Scene, sceneId, stoppingToken);
            foreach (var product in scene?.State.Products ?? [])
            {
                if (processors.Find(product) is not { } processor) continue;
                var stored = await store.ReadAsync<ProductState>(GrainKinds.Product, GrainKeys.Product(sceneId, product, processor.Version), stoppingToken);
                if (stored is not null && ProductStates.IsFinal(stored.State.Status)) continue;
                await bus.Publish(new ProcessProduct(sceneId, product, processor.Version), stoppingToken);
                resumed++;
            }
        }
        if (resumed > 0) logger.LogInformation("Resumed {Count} unfinished scene and product turns", resumed);
    }
}
