using Actors.Grains.OpenEo;

namespace Actors.Grains.Tests.OpenEo;

/// <summary>The batch job queue's capacity and its fairness across owners.</summary>
public sealed class FairJobQueueTests
{
    [Fact]
    public void No_more_jobs_run_than_the_capacity_and_a_released_slot_goes_to_the_next()
    {
        var queue = new FairJobQueue(2);
        var state = FairJobQueueState.Empty;
        var granted = new List<string>();
        foreach (var id in new[] { "a1", "a2", "a3" })
        {
            (state, var now) = queue.Dispatch(queue.Enqueue(state, new QueuedJob(id, "alice")));
            granted.AddRange(now.Select(j => j.JobId));
        }
        Assert.Equal(["a1", "a2"], granted);
        Assert.Equal(["a3"], state.Waiting.Select(j => j.JobId));

        (state, var next) = queue.Dispatch(queue.Remove(state, "a1"));
        Assert.Equal(["a3"], next.Select(j => j.JobId));
        Assert.Equal(["a2", "a3"], state.Running.Select(j => j.JobId));
        Assert.Empty(state.Waiting);
    }

    [Fact]
    public void A_user_with_one_job_is_served_before_the_rest_of_a_user_who_queued_many()
    {
        var queue = new FairJobQueue(1);
        var state = FairJobQueueState.Empty;
        foreach (var id in new[] { "a1", "a2", "a3", "a4" })
            state = queue.Enqueue(state, new QueuedJob(id, "alice"));
        state = queue.Enqueue(state, new QueuedJob("b1", "bob"));
        state = queue.Enqueue(state, new QueuedJob("c1", "carol"));

        var order = new List<string>();
        (state, var first) = queue.Dispatch(state);
        order.AddRange(first.Select(j => j.JobId));
        while (state.Running.Count > 0)
        {
            (state, var now) = queue.Dispatch(queue.Remove(state, state.Running[0].JobId));
            order.AddRange(now.Select(j => j.JobId));
        }
        // Round-robin across owners, each owner's jobs in arrival order.
        Assert.Equal(["a1", "b1", "c1", "a2", "a3", "a4"], order);
    }

    [Fact]
    public void A_free_slot_goes_to_the_owner_with_fewer_running_jobs()
    {
        var queue = new FairJobQueue(3);
        var state = FairJobQueueState.Empty;
        foreach (var id in new[] { "a1", "a2", "a3", "a4", "a5" })
            state = queue.Enqueue(state, new QueuedJob(id, "alice"));
        (state, _) = queue.Dispatch(state);
        Assert.Equal(["a1", "a2", "a3"], state.Running.Select(j => j.JobId));

        state = queue.Enqueue(state, new QueuedJob("b1", "bob"));
        (state, var none) = queue.Dispatch(state);
        Assert.Empty(none);
        (state, var next) = queue.Dispatch(queue.Remove(state, "a2"));
        Assert.Equal(["b1"], next.Select(j => j.JobId));
    }

    [Fact]
    public void Enqueueing_a_job_twice_or_removing_an_unknown_one_changes_nothing()
    {
        var queue = new FairJobQueue(1);
        var state = queue.Enqueue(FairJobQueueState.Empty, new QueuedJob("a1", "alice"));
        state = queue.Enqueue(state, new QueuedJob("a2", "alice"));
        (state, _) = queue.Dispatch(state);
        state = queue.Enqueue(state, new QueuedJob("a1", "alice"));
        state = queue.Enqueue(state, new QueuedJob("a2", "alice"));
        Assert.Equal(["a1"], state.Running.Select(j => j.JobId));
        Assert.Equal(["a2"], state.Waiting.Select(j => j.JobId));

        var removed = queue.Remove(state, "zz");
        Assert.Equal(state.Running, removed.Running);
        Assert.Equal(state.Waiting, removed.Waiting);
        Assert.True(FairJobQueue.IsRunning(state, "a1"));
        Assert.False(FairJobQueue.IsRunning(state, "a2"));
    }
}
