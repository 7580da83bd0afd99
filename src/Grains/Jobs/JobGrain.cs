using Actors.Abstractions.Api;
using Actors.Abstractions.Messages;
using Actors.Grains.Runtime;
using MassTransit;

namespace Actors.Grains.Jobs;

/// <summary>Tracks the work a user submitted under a job id: its scenes and each product's last state.</summary>
public sealed class JobGrain(GrainRuntime runtime) : IConsumer<TrackScene>, IConsumer<TrackProductState>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<TrackScene> context)
    {
        var m = context.Message;
        await using var turn = await runtime.BeginTurnAsync<JobState>(GrainKinds.Job, m.JobId, context.CancellationToken);
        var state = turn.State ?? new JobState([], []);
        var products = state.Products.ToList();
        foreach (var product in m.Products)
            if (!products.Any(p => p.SceneId == m.SceneId && p.Product == product))
                products.Add(new JobProductEntry(m.SceneId, product, ProductStates.Pending, null));
        var next = new JobState(state.Scenes.Union([m.SceneId]).ToArray(), products);
        if (turn.State is null || next.Scenes.Count != state.Scenes.Count || next.Products.Count != state.Products.Count)
            await turn.CommitAsync(next, JobStatusOf(next), null, context.CancellationToken);
    }

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<TrackProductState> context)
    {
        var m = context.Message;
        await using var turn = await runtime.BeginTurnAsync<JobState>(GrainKinds.Job, m.JobId, context.CancellationToken);
        var state = turn.State ?? new JobState([m.SceneId], []);
        var products = state.Products.ToList();
        var index = products.FindIndex(p => p.SceneId == m.SceneId && p.Product == m.Product);
        var current = index >= 0 ? products[index] : null;
        // Events may arrive out of order; a final state is never overwritten by a late "running".
        if (current is not null && ProductStates.IsFinal(current.State) && !ProductStates.IsFinal(m.State)) return;
        if (current is not null && current.State == m.State && current.Reason == m.Reason) return;
        var entry = new JobProductEntry(m.SceneId, m.Product, m.State, m.Reason);
        if (index >= 0) products[index] = entry; else products.Add(entry);
        var next = new JobState(state.Scenes.Union([m.SceneId]).ToArray(), products);
        await turn.CommitAsync(next, JobStatusOf(next), null, context.CancellationToken);
    }

    /// <summary>queued until something runs; finished or failed once every product is final.</summary>
    public static string JobStatusOf(JobState state)
    {
        if (state.Products.Count == 0 || state.Products.All(p => p.State == ProductStates.Pending)) return JobStates.Queued;
        if (!state.Products.All(p => ProductStates.IsFinal(p.State))) return JobStates.Running;
        return state.Products.Any(p => p.State == ProductStates.Failed) ? JobStates.Failed : JobStates.Finished;
    }
}
