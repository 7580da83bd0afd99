using Actors.Abstractions.Api;
using Actors.Abstractions.Messages;
using Actors.Grains.Runtime;
using Actors.Grains.Scenes;
using MassTransit;

namespace Actors.Grains.Jobs;

/// <summary>Turns product result events into updates of the jobs that track the product's scene.</summary>
public sealed class JobProgressRelay(IGrainStateStore store) :
    IConsumer<ProductStarted>, IConsumer<ProductCompleted>, IConsumer<ProductFailed>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<ProductStarted> context) =>
        RelayAsync(context, context.Message.SceneId, context.Message.Product, ProductStates.Running, null);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ProductCompleted> context) =>
        RelayAsync(context, context.Message.SceneId, context.Message.Product, ProductStates.Completed, null);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ProductFailed> context) =>
        RelayAsync(context, context.Message.SceneId, context.Message.Product, ProductStates.Failed, context.Message.Reason);

    private async Task RelayAsync(ConsumeContext context, string sceneId, string product, string state, string? reason)
    {
        var scene = await store.ReadAsync<SceneState>(GrainKinds.Scene, sceneId, context.CancellationToken);
        foreach (var job in scene?.State.JobIds ?? [])
            await context.Publish(new TrackProductState(job, sceneId, product, state, reason), context.CancellationToken);
    }
}
