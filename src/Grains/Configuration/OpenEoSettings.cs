namespace Actors.Grains.Configuration;

/// <summary>Settings of the openEO API, bound from the <c>OpenEo</c> configuration section (env: <c>OpenEo__MaxRunningJobs</c>, …).</summary>
public sealed class OpenEoSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "OpenEo";

    /// <summary>The back-end's title in the capabilities (what openEO clients show when they connect).</summary>
    public string Title { get; set; } = "EO actors openEO API";

    /// <summary>Synchronous runs (<c>POST /result</c>) at once on one silo; more are refused with <c>InfrastructureBusy</c>.</summary>
    public int MaxSynchronousRuns { get; set; } = 2;

    /// <summary>Batch jobs computing at once in the whole cluster; the others wait in the queue.</summary>
    public int MaxRunningJobs { get; set; } = 2;

    /// <summary>Log entries a job keeps (the oldest are dropped).</summary>
    public int MaxLogEntries { get; set; } = 1000;

    /// <summary>Runs of a job a crash interrupted before it is set to <c>error</c>.</summary>
    public int RetryLimit { get; set; } = 3;

    /// <summary>How long a signed result link stays valid.</summary>
    public TimeSpan ResultLinkLifetime { get; set; } = TimeSpan.FromDays(7);
}
