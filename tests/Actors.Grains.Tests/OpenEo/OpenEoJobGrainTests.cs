using Actors.Abstractions.OpenEo;
using Actors.Grains.Tests.Harness;

namespace Actors.Grains.Tests.OpenEo;

/// <summary>
/// Batch job grains with the real queue, storage and reminders, and an executor the test controls: jobs wait for a
/// slot, are served fairly across owners, and a canceled run stops, keeps nothing and frees its slot.
/// </summary>
public sealed class OpenEoJobGrainTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "openeo-grains-" + Guid.NewGuid().ToString("N")[..8]);
    private GrainCluster _cluster = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _cluster = await GrainCluster.StartAsync(Path.Combine(_root, "data"), silos: 1,
            new Dictionary<string, string> { ["OpenEo:MaxRunningJobs"] = "1" },
            builder => builder.AddSiloBuilderConfigurator<GatedExecutor.Configurator>());

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Queued_jobs_start_as_slots_free_round_robin_across_owners()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var jobs = new[] { ("a1", "alice"), ("a2", "alice"), ("a3", "alice"), ("b1", "bob") }
            .Select(j => (Name: $"{run}-{j.Item1}", Owner: j.Item2)).ToList();
        foreach (var (name, owner) in jobs)
        {
            Assert.True(await Job(name).CreateAsync(owner, Spec(name)));
            await Job(name).StartAsync();
        }
        await WaitStatusAsync($"{run}-a1", OpenEoJobStates.Running);
        foreach (var (name, _) in jobs.Skip(1)) Assert.Equal(OpenEoJobStates.Queued, (await Job(name).GetAsync())!.Status);

        // Each job finishing frees the one slot; Bob's single job goes before Alice's second and third.
        var order = new List<string> { $"{run}-a1" };
        foreach (var _ in jobs.Skip(1))
        {
            GatedExecutor.Open(order[^1]);
            await WaitStatusAsync(order[^1], OpenEoJobStates.Finished);
            var next = await Eventually(async () =>
            {
                foreach (var (name, _) in jobs)
                    if (!order.Contains(name) && (await Job(name).GetAsync())!.Status == OpenEoJobStates.Running) return name;
                return null;
            });
            order.Add(next);
        }
        GatedExecutor.Open(order[^1]);
        await WaitStatusAsync(order[^1], OpenEoJobStates.Finished);
        Assert.Equal(new[] { "a1", "b1", "a2", "a3" }.Select(n => $"{run}-{n}"), order);
        var finished = (await Job($"{run}-b1").GetAsync())!;
        Assert.Equal(100, finished.Progress);
        Assert.Equal(["result.tif"], finished.Results.Select(r => r.Name));
    }

    [Fact]
    public async Task A_canceled_run_stops_keeps_no_results_and_frees_its_slot()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var (first, second) = ($"{run}-first", $"{run}-second");
        await Job(first).CreateAsync("carol", Spec(first));
        await Job(second).CreateAsync("dave", Spec(second));
        await Job(first).StartAsync();
        await Job(second).StartAsync();
        await WaitStatusAsync(first, OpenEoJobStates.Running);
        await Eventually(() => Task.FromResult(GatedExecutor.Started.Contains(first) ? first : null));

        await Job(first).CancelAsync();
        Assert.Equal(OpenEoJobStates.Canceled, (await Job(first).GetAsync())!.Status);
        await Eventually(() => Task.FromResult(GatedExecutor.Canceled.Contains(first) ? first : null));
        // The slot went to the waiting job.
        await WaitStatusAsync(second, OpenEoJobStates.Running);

        // Opening the canceled run's gate changes nothing: it is over.
        GatedExecutor.Open(first);
        GatedExecutor.Open(second);
        await WaitStatusAsync(second, OpenEoJobStates.Finished);
        var canceled = (await Job(first).GetAsync())!;
        Assert.Equal(OpenEoJobStates.Canceled, canceled.Status);
        Assert.Empty(canceled.Results);
        Assert.False(Directory.Exists(Path.Combine(_root, "data", "objects", "openeo", "jobs", first)));
        var logs = await Job(first).GetLogsAsync(null, "info", 100);
        Assert.Contains(logs.Entries, e => e.Message.Contains("canceled", StringComparison.Ordinal));
        Assert.Equal(OpenEoJobStates.Canceled, (await Job(first).GetAsync())!.Status);
    }

    [Fact]
    public async Task A_job_cannot_be_changed_while_queued_or_running_and_deleting_it_frees_the_slot()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var (busy, waiting) = ($"{run}-busy", $"{run}-waiting");
        await Job(busy).CreateAsync("erin", Spec(busy));
        await Job(waiting).CreateAsync("erin", Spec(waiting));
        Assert.False(await Job(busy).CreateAsync("frank", Spec(busy)));
        await Job(busy).StartAsync();
        await WaitStatusAsync(busy, OpenEoJobStates.Running);
        Assert.Equal("JobLocked", await Job(busy).UpdateAsync(new OpenEoJobUpdate("new", true, null, false, null, null, false, null, false, null)));
        Assert.Null(await Job(waiting).UpdateAsync(new OpenEoJobUpdate("renamed", true, null, false, null, null, false, null, false, null)));
        Assert.Equal("renamed", (await Job(waiting).GetAsync())!.Title);

        await Job(waiting).StartAsync();
        Assert.Equal(OpenEoJobStates.Queued, (await Job(waiting).GetAsync())!.Status);
        await Job(busy).DeleteAsync();
        Assert.Null(await Job(busy).GetAsync());
        await WaitStatusAsync(waiting, OpenEoJobStates.Running);
        Assert.DoesNotContain(busy, await _cluster.Client.GetGrain<IOpenEoOwnerJobsGrain>("erin").ListAsync());
        GatedExecutor.Open(waiting);
        await WaitStatusAsync(waiting, OpenEoJobStates.Finished);
    }

    private IOpenEoJobGrain Job(string name) => _cluster.Client.GetGrain<IOpenEoJobGrain>(name);

    private static OpenEoJobSpec Spec(string name) => new(name, null, GatedExecutor.Process(name).ToJsonString(), null, null, "debug");

    private Task WaitStatusAsync(string name, string status) =>
        Eventually(async () => (await Job(name).GetAsync())?.Status == status ? status : null, $"{name} to be {status}");

    private static async Task<string> Eventually(Func<Task<string?>> probe, string what = "the condition")
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
