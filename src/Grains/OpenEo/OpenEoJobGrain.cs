using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Actors.Abstractions.OpenEo;
using Actors.Grains.Configuration;
using Actors.Grains.Execution;
using Actors.Grains.Persistence;
using Actors.Grains.Storage;
using Actors.OpenEo;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Actors.Grains.OpenEo;

/// <summary>
/// An openEO batch job. Starting it makes it durable (state and a reminder) and queues it with the cluster's
/// <see cref="IOpenEoJobQueueGrain"/>; once granted a slot it computes beside the grain's turns (<see cref="ResumableWork"/>),
/// so describe, logs and cancel are answered meanwhile. Cancel sets <c>canceled</c> at once and cancels the token the
/// executor honours, on whichever silo holds the activation; a run's results are kept only while it is still the
/// current run and running. A silo that dies takes the activation along; the reminder brings the job back on a live
/// silo, where the run starts anew.
/// </summary>
public sealed class OpenEoJobGrain(
    [PersistentState("openeo-job", GrainStorageNames.State)] IPersistentState<OpenEoJobState> state,
    IProcessGraphExecutor executor,
    ICollectionReader collections,
    IObjectStore objects,
    WorkDirectory work,
    OutageGuard outages,
    TimeProvider clock,
    ILocalSiloDetails silo,
    IOptions<OpenEoSettings> openEo,
    IOptions<SiloSettings> settings,
    ILogger<OpenEoJobGrain> logger) : Grain, IOpenEoJobGrain, IRemindable
{
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly ConcurrentQueue<ExecutionLog> _executorLogs = new();
    private ResumableWork _work = null!;
    private CancellationTokenSource? _run;
    private LiveProgress? _progress;

    /// <summary>The object key prefix of a job's results.</summary>
    public static string ResultPrefix(string jobId) => $"openeo/jobs/{jobId}/";

    private string JobId => this.GetPrimaryKeyString();

    private bool Exists => state.RecordExists;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _work = new ResumableWork(this, StepAsync, state.ReadStateAsync, outages, settings.Value.ResumePeriod, logger);
        if (Exists && OpenEoJobStates.IsActive(state.State.Status)) _work.EnsureStarted();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _work.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<bool> CreateAsync(string owner, OpenEoJobSpec spec)
    {
        if (Exists) return false;
        state.State = OpenEoJobState.Create(owner, spec, clock.GetUtcNow()).WithLog("info", "Job created.", clock.GetUtcNow(), LogCap);
        await outages.RunAsync($"Saving job {JobId}", _ => state.WriteStateAsync(), CancellationToken.None);
        await GrainFactory.GetGrain<IOpenEoOwnerJobsGrain>(owner).AddAsync(JobId);
        logger.LogInformation("openEO job {JobId} created for {Owner}", JobId, owner);
        return true;
    }

    /// <inheritdoc />
    public Task<OpenEoJobInfo?> GetAsync()
    {
        if (!Exists) return Task.FromResult<OpenEoJobInfo?>(null);
        var s = state.State;
        var progress = s.Status == OpenEoJobStates.Running && _progress is { } live ? Math.Max(s.Progress, live.Percent) : s.Progress;
        return Task.FromResult<OpenEoJobInfo?>(new OpenEoJobInfo(
            JobId, s.Owner, s.Title, s.Description, s.Process, s.Status, progress, s.Created, s.Updated, s.Plan, s.Budget,
            s.LogLevel, s.Usage, s.Results, s.Extent, s.Error));
    }

    /// <inheritdoc />
    public async Task<string?> UpdateAsync(OpenEoJobUpdate update)
    {
        if (!Exists) return "JobNotFound";
        if (OpenEoJobStates.IsActive(state.State.Status)) return "JobLocked";
        await SaveAsync(s => s with
        {
            Title = update.SetTitle ? update.Title : s.Title,
            Description = update.SetDescription ? update.Description : s.Description,
            Process = update.Process ?? s.Process,
            Plan = update.SetPlan ? update.Plan : s.Plan,
            Budget = update.SetBudget ? update.Budget : s.Budget,
            LogLevel = update.LogLevel ?? s.LogLevel,
            Updated = clock.GetUtcNow(),
        });
        return null;
    }

    /// <inheritdoc />
    public async Task StartAsync()
    {
        if (!Exists || OpenEoJobStates.IsActive(state.State.Status)) return;
        // A restart discards the previous run's results.
        await DeleteResultObjectsAsync();
        await SaveAsync(s => (s with
        {
            Status = OpenEoJobStates.Queued, Progress = 0, Run = s.Run + 1, Attempts = 0, Usage = null, Results = [],
            Extent = null, Error = null, Updated = clock.GetUtcNow(),
        }).WithLog("info", "Job queued.", clock.GetUtcNow(), LogCap));
        logger.LogInformation("openEO job {JobId} of {Owner} queued (run {Run})", JobId, state.State.Owner, state.State.Run);
        await _work.HoldReminderAsync();
        _work.EnsureStarted();
    }

    /// <inheritdoc />
    public async Task CancelAsync()
    {
        if (!Exists || !OpenEoJobStates.IsActive(state.State.Status)) return;
        await SaveAsync(s => (s with { Status = OpenEoJobStates.Canceled, Updated = clock.GetUtcNow() })
            .WithLog("info", "Job canceled by its owner.", clock.GetUtcNow(), LogCap));
        // The computation notices between strips; its results are never kept, as the run is no longer running.
        _run?.Cancel();
        await ReleaseSlotAsync();
        logger.LogInformation("openEO job {JobId} of {Owner} canceled", JobId, state.State.Owner);
    }

    /// <inheritdoc />
    public async Task DeleteAsync()
    {
        if (!Exists) return;
        var owner = state.State.Owner;
        _run?.Cancel();
        await ReleaseSlotAsync();
        await DeleteResultObjectsAsync();
        await _writes.WaitAsync();
        try
        {
            await outages.RunAsync($"Deleting job {JobId}", _ => state.ClearStateAsync(), CancellationToken.None);
        }
        finally
        {
            _writes.Release();
        }
        await GrainFactory.GetGrain<IOpenEoOwnerJobsGrain>(owner).RemoveAsync(JobId);
        await _work.DropReminderAsync();
        logger.LogInformation("openEO job {JobId} of {Owner} deleted", JobId, owner);
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public Task<OpenEoLogPage> GetLogsAsync(string? offset, string? level, int limit)
    {
        if (!Exists) return Task.FromResult(new OpenEoLogPage([], "debug", null));
        var s = WithExecutorLogs(state.State);
        var effective = OpenEoLogLevels.Max(s.LogLevel, OpenEoLogLevels.IsLevel(level) ? level! : "debug");
        var after = long.TryParse(offset, out var n) ? n : 0;
        var matching = s.Logs
            .Where(e => long.Parse(e.Id, System.Globalization.CultureInfo.InvariantCulture) > after && OpenEoLogLevels.Rank(e.Level) >= OpenEoLogLevels.Rank(effective))
            .ToList();
        var page = matching.Take(Math.Max(1, limit)).ToList();
        return Task.FromResult(new OpenEoLogPage(page, effective, matching.Count > page.Count ? page[^1].Id : null));
    }

    /// <inheritdoc />
    public async Task GrantAsync()
    {
        if (Exists && state.State.Status == OpenEoJobStates.Queued)
        {
            await _work.HoldReminderAsync();
            _work.EnsureStarted();
        }
        else if (!Exists || !OpenEoJobStates.IsActive(state.State.Status))
        {
            // The job stopped waiting (canceled, deleted) before the grant arrived: give the slot back.
            await ReleaseSlotAsync();
        }
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!Exists || !OpenEoJobStates.IsActive(state.State.Status))
            await _work.DropReminderAsync();
        else
            _work.EnsureStarted();
    }

    private int LogCap => Math.Max(1, openEo.Value.MaxLogEntries);

    // One step towards done; false when the job waits (for a slot) or has nothing left to do.
    private async Task<bool> StepAsync()
    {
        if (!Exists || !OpenEoJobStates.IsActive(state.State.Status))
        {
            // Repeated release: a release lost with a silo must not hold a slot for ever.
            if (Exists) await ReleaseSlotAsync();
            await _work.DropReminderAsync();
            return false;
        }
        if (state.State.Status == OpenEoJobStates.Queued)
        {
            var run = state.State.Run;
            var granted = await outages.RunAsync($"Queueing job {JobId}",
                _ => GrainFactory.GetGrain<IOpenEoJobQueueGrain>(IOpenEoJobQueueGrain.DefaultKey).EnqueueAsync(JobId, state.State.Owner),
                CancellationToken.None);
            if (!granted) return false;
            if (!IsCurrent(run, OpenEoJobStates.Queued)) return true;
            await SaveAsync(s => (s with { Status = OpenEoJobStates.Running, Progress = 0, Updated = clock.GetUtcNow() })
                .WithLog("info", "Job running.", clock.GetUtcNow(), LogCap));
            return true;
        }
        if (state.State.Attempts >= Math.Max(1, openEo.Value.RetryLimit))
        {
            await FailAsync(state.State.Run, $"Gave up after {state.State.Attempts} interrupted computations.");
            return true;
        }
        await ComputeAsync();
        return true;
    }

    private async Task ComputeAsync()
    {
        var run = state.State.Run;
        await SaveAsync(s => s with { Attempts = s.Attempts + 1 });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_work.Abort);
        _run = cancel;
        _progress = new LiveProgress();
        var clockwatch = Stopwatch.StartNew();
        logger.LogInformation("Computing openEO job {JobId} of {Owner} on {Silo}, attempt {Attempt}", JobId, state.State.Owner, silo.Name, state.State.Attempts);
        try
        {
            if (JsonNode.Parse(state.State.Process) is not JsonObject process)
                throw new OpenEoException("ProcessGraphInvalid", "The job's process is not a JSON object.");
            var users = await UserProcesses.LoadAsync(GrainFactory, state.State.Owner);
            using var scratch = work.Create();
            var request = new ExecutionRequest(process, collections, users, scratch.Path, _progress, _executorLogs.Enqueue);
            // Off the grain's scheduler: the computation takes seconds on every core.
            var result = await Task.Run(() => executor.ExecuteAsync(request, cancel.Token), cancel.Token);
            if (!IsCurrent(run, OpenEoJobStates.Running)) return;
            var assets = await StoreResultsAsync(result, cancel.Token);
            if (!IsCurrent(run, OpenEoJobStates.Running))
            {
                // Canceled while uploading: nothing of a canceled run is kept.
                await DeleteResultObjectsAsync();
                return;
            }
            var usage = new OpenEoUsage(result.Usage.CpuSeconds, clockwatch.Elapsed.TotalSeconds, result.Usage.PixelsRead, result.Usage.BytesWritten);
            var extent = new OpenEoResultExtent(result.Extent.Bbox, result.Extent.Epsg, result.Extent.Width, result.Extent.Height, result.Extent.Start, result.Extent.End);
            await SaveAsync(s => (s with
            {
                Status = OpenEoJobStates.Finished, Progress = 100, Results = assets, Extent = extent, Usage = usage, Updated = clock.GetUtcNow(),
            }).WithLog("info", $"Job finished in {clockwatch.Elapsed.TotalSeconds:0.0} s: {assets.Count} file(s).", clock.GetUtcNow(), LogCap));
            logger.LogInformation("openEO job {JobId} finished in {Seconds:0.0} s with {Files} file(s)", JobId, clockwatch.Elapsed.TotalSeconds, assets.Count);
            await ReleaseSlotAsync();
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested && !_work.Abort.IsCancellationRequested)
        {
            logger.LogInformation("openEO job {JobId} stopped its computation after {Seconds:0.0} s: canceled", JobId, clockwatch.Elapsed.TotalSeconds);
        }
        catch (OpenEoException e)
        {
            await FailAsync(run, e.Message, e.Code);
        }
        catch (Exception e) when (e is not OperationCanceledException && !TransientFailures.Is(e))
        {
            logger.LogError(e, "openEO job {JobId} failed unexpectedly", JobId);
            await FailAsync(run, $"Unexpected error: {e.Message}");
        }
        finally
        {
            _run = null;
        }
    }

    private async Task<IReadOnlyList<OpenEoResultAsset>> StoreResultsAsync(ExecutionResult result, CancellationToken cancellationToken)
    {
        var assets = new List<OpenEoResultAsset>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in result.Files)
        {
            var name = Path.GetFileName(file.Path);
            for (var i = 2; !names.Add(name); i++)
                name = $"{Path.GetFileNameWithoutExtension(file.Path)}-{i}{Path.GetExtension(file.Path)}";
            var key = ResultPrefix(JobId) + name;
            await outages.RunAsync($"Storing {key}", ct => objects.PutFileAsync(key, file.Path, file.MediaType, ct), cancellationToken);
            assets.Add(new OpenEoResultAsset(name, key, file.MediaType, file.Format, file.Bands, new FileInfo(file.Path).Length));
        }
        return assets;
    }

    private async Task FailAsync(int run, string message, string code = "Internal")
    {
        if (!IsCurrent(run, OpenEoJobStates.Running)) return;
        logger.LogWarning("openEO job {JobId} failed: {Code} {Reason}", JobId, code, message);
        await SaveAsync(s => (s with { Status = OpenEoJobStates.Error, Error = message, Updated = clock.GetUtcNow() })
            .WithLog("error", message, clock.GetUtcNow(), LogCap));
        await ReleaseSlotAsync();
    }

    private bool IsCurrent(int run, string status) => Exists && state.State.Run == run && state.State.Status == status;

    private async Task ReleaseSlotAsync() =>
        await outages.RunAsync($"Releasing the slot of job {JobId}",
            _ => GrainFactory.GetGrain<IOpenEoJobQueueGrain>(IOpenEoJobQueueGrain.DefaultKey).ReleaseAsync(JobId), CancellationToken.None);

    private async Task DeleteResultObjectsAsync()
    {
        var keys = await outages.RunAsync($"Listing the results of job {JobId}", ct => objects.ListAsync(ResultPrefix(JobId), ct), CancellationToken.None);
        foreach (var key in keys)
            await outages.RunAsync($"Deleting {key}", ct => objects.DeleteAsync(key, ct), CancellationToken.None);
    }

    // Writes one at a time: the computation's flow and the calls interleave at awaits, and two writes at once would
    // race on the stored version. Each change applies to the state as it is when the write begins.
    private async Task SaveAsync(Func<OpenEoJobState, OpenEoJobState> change)
    {
        await _writes.WaitAsync();
        try
        {
            if (!Exists) return;
            var live = _progress is { } p && state.State.Status == OpenEoJobStates.Running ? Math.Max(state.State.Progress, p.Percent) : state.State.Progress;
            state.State = change(WithExecutorLogs(state.State) with { Progress = live });
            await outages.RunAsync($"Saving job {JobId}", _ => state.WriteStateAsync(), CancellationToken.None);
        }
        finally
        {
            _writes.Release();
        }
    }

    private OpenEoJobState WithExecutorLogs(OpenEoJobState s)
    {
        while (_executorLogs.TryDequeue(out var entry))
            s = s.WithLog(entry.Level, entry.Message, entry.Time, LogCap);
        if (!ReferenceEquals(s, state.State) && Exists) state.State = s;
        return s;
    }

    // The executor reports from its worker threads; the grain reads the latest value in its turns.
    private sealed class LiveProgress : IProgress<double>
    {
        private long _bits;

        public double Percent => Math.Clamp(BitConverter.Int64BitsToDouble(Interlocked.Read(ref _bits)) * 100, 0, 100);

        public void Report(double value) => Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(value));
    }
}
