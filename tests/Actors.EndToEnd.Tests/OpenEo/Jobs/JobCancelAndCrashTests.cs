using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Actors.EndToEnd.Tests.OpenEo.Jobs;

/// <summary>
/// Long batch jobs (a max NDVI over a time series of large scenes): cancel stops a running computation within
/// seconds and keeps nothing; a job whose silo is killed (SIGKILL) finishes after the silo restarts.
/// </summary>
public sealed class JobCancelAndCrashTests(TimeSeriesFixture fixture, ITestOutputHelper output) : IClassFixture<TimeSeriesFixture>
{
    private static readonly TimeSpan RunningTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_running_job_canceled_is_canceled_within_5_seconds_stays_canceled_and_keeps_no_results()
    {
        using var alice = fixture.Alice;
        var id = await alice.CreateJobAsync(Graphs.MaxNdvi(), "to cancel");
        await alice.StartAsync(id);
        await alice.WaitForStatusAsync(id, RunningTimeout, "running");

        var clock = Stopwatch.StartNew();
        await alice.CancelAsync(id);
        Assert.Equal("canceled", (await alice.GetJobAsync(id))["status"]!.GetValue<string>());
        // The computation itself stops: the silo logs that it gave up, within seconds of the cancel.
        await Infrastructure.Eventually.TrueAsync($"the computation of {id} to stop", TimeSpan.FromSeconds(5), _ =>
            Task.FromResult(fixture.Silo.OutputLines.Any(l => l.Contains($"openEO job {id} stopped its computation", StringComparison.Ordinal))));
        output.WriteLine($"canceled and stopped after {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {clock.Elapsed}");

        // Nothing computed after: the job stays canceled and has no results, in the API or in the object store.
        var job = await alice.GetJobAsync(id);
        Assert.Equal("canceled", job["status"]!.GetValue<string>());
        using (var results = await alice.Http.GetAsync($"jobs/{id}/results"))
            await OpenEoTestClient.ExpectErrorAsync(results, HttpStatusCode.BadRequest, "JobNotFinished");
        var resultFolder = Path.Combine(fixture.Silo.DataDirectory, "objects", "openeo", "jobs", id);
        Assert.False(Directory.Exists(resultFolder) && Directory.EnumerateFiles(resultFolder).Any(), "a canceled job keeps no result objects");
        Assert.Contains(fixture.Silo.OutputLines, l => l.Contains("Audit openeo.job.cancel", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));

        // Its slot is free again: another job runs to the end.
        var next = await alice.CreateJobAsync(Graphs.MaxNdvi(), "after the cancel");
        await alice.StartAsync(next);
        await alice.WaitForStatusAsync(next, JobTimeout, "finished");
        Assert.Equal("canceled", (await alice.GetJobAsync(id))["status"]!.GetValue<string>());
        await alice.Responses.AssertValidAsync();
    }

    [Fact]
    public async Task A_job_whose_silo_is_killed_while_it_runs_finishes_after_the_restart()
    {
        using var alice = fixture.Alice;
        var id = await alice.CreateJobAsync(Graphs.MaxNdvi(), "survives a crash");
        await alice.StartAsync(id);
        await alice.WaitForStatusAsync(id, RunningTimeout, "running");
        fixture.Silo.Kill();
        await fixture.Silo.StartAsync();

        var job = await alice.WaitForStatusAsync(id, JobTimeout, "finished");
        Assert.Equal(100, job["progress"]!.GetValue<double>());
        var lines = fixture.Silo.OutputLines;
        var restart = lines.ToList().FindLastIndex(l => l.StartsWith("---- silo start #", StringComparison.Ordinal));
        var computations = lines.Skip(restart).Count(l => l.Contains($"Computing openEO job {id}", StringComparison.Ordinal));
        output.WriteLine($"computations of {id} after the restart: {computations}");
        Assert.True(computations >= 1, "the restarted silo computed the interrupted job again");
        var item = await alice.GetJsonAsync($"jobs/{id}/results");
        var href = Assert.Single(item["assets"]!.AsObject()).Value!["href"]!.GetValue<string>();
        using var anonymous = fixture.Anonymous;
        Assert.NotEmpty(await anonymous.Http.GetByteArrayAsync(href));
        await alice.Responses.AssertValidAsync();
    }
}
