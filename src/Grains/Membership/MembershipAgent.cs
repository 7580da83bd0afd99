using System.Diagnostics;
using Actors.Abstractions.Api;
using Actors.Grains.Configuration;
using Actors.Grains.Recovery;
using Actors.Grains.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Membership;

/// <summary>
/// This silo's part in the membership protocol. It joins before any message is consumed, heartbeats,
/// declares silos with stale heartbeats dead, hands the work that dead or stopped silos held to the live
/// ones (re-sending it), and leaves on a graceful stop after the bus has drained.
/// </summary>
public sealed class MembershipAgent(
    IMembershipTable membership,
    IGrainStateStore store,
    WorkResender resender,
    SiloIdentity silo,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    IOptions<SiloOptions> options,
    ILogger<MembershipAgent> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Joins the cluster, waiting for the database if it is not reachable yet.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var me = new SiloMember(silo.InstanceId, silo.Name, configuration[WebHostDefaults.ServerUrlsKey] ?? "",
            silo.StartedAt, silo.StartedAt, SiloStates.Active);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await membership.JoinAsync(me, cancellationToken);
                break;
            }
            catch (Exception e) when (TransientFailures.Is(e) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Cannot join the membership table yet (attempt {Attempt}): {Reason}", attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, attempt)), cancellationToken);
            }
        }
        logger.LogInformation("Silo {InstanceId} joined the cluster", silo.InstanceId);
        // Work is re-sent through the bus, which is up only once the host has started.
        lifetime.ApplicationStarted.Register(() => _loop = Task.Run(() => RunAsync(_stopping.Token)));
    }

    /// <summary>Stops heartbeating and records the graceful leave.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await membership.LeaveAsync(silo.InstanceId, cancellationToken);
            logger.LogInformation("Silo {InstanceId} left the cluster", silo.InstanceId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not record the leave of {InstanceId}; it will be declared dead instead: {Reason}", silo.InstanceId, e.Message);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.HeartbeatInterval;
        using var timer = new PeriodicTimer(interval);
        TimeSpan? lastHeartbeat = null;
        var clock = Stopwatch.StartNew();
        do
        {
            try
            {
                if (!await membership.HeartbeatAsync(silo.InstanceId, stoppingToken))
                    logger.LogWarning("Silo {InstanceId} had been declared dead (heartbeats were late); it is active again", silo.InstanceId);
                // Judge others only with an unbroken run of own heartbeats: after an outage of the database
                // everyone's heartbeat is stale, and the first silo back must not declare the others dead.
                var now = clock.Elapsed;
                if (lastHeartbeat is { } last && now - last < interval * 2 + TimeSpan.FromSeconds(1))
                    foreach (var dead in await membership.DeclareDeadAsync(options.Value.DeadAfter, stoppingToken))
                        logger.LogWarning("Silo {InstanceId} missed its heartbeats for {DeadAfter}; declared dead", dead, options.Value.DeadAfter);
                lastHeartbeat = now;
                await HandOverAbandonedWorkAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                lastHeartbeat = null;
                logger.LogWarning("Membership heartbeat failed: {Reason}", e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task HandOverAbandonedWorkAsync(CancellationToken cancellationToken)
    {
        foreach (var gone in await membership.FindAbandonedAsync(cancellationToken))
        {
            var held = await store.FindHeldByAsync(gone, cancellationToken);
            var resent = 0;
            foreach (var grain in held)
                if (await resender.ResendAsync(grain, cancellationToken)) resent++;
            // Marked after the re-sends: a silo dying in between leaves the hand-over to the next one (repeats are harmless).
            await membership.MarkWorkResumedAsync(gone, cancellationToken);
            if (resent > 0) logger.LogWarning("Handed over {Count} unfinished turns held by {InstanceId}", resent, gone);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();
}
