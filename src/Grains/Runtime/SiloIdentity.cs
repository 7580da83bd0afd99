using Actors.Grains.Configuration;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Runtime;

/// <summary>
/// Who this silo process is. <see cref="Name"/> is stable across restarts when configured;
/// <see cref="InstanceId"/> names this one start (incarnation) and is what work in progress records as
/// its owner, so a restarted silo never mistakes its dead predecessor's work for its own.
/// </summary>
public sealed class SiloIdentity
{
    /// <summary>Names this start from the configured <see cref="SiloOptions.InstanceId"/>.</summary>
    public SiloIdentity(IOptions<SiloOptions> options)
    {
        Name = string.IsNullOrWhiteSpace(options.Value.InstanceId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}"
            : options.Value.InstanceId;
        InstanceId = $"{Name}#{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>The configured <see cref="SiloOptions.InstanceId"/>, or host name plus process id.</summary>
    public string Name { get; }

    /// <summary>This incarnation: the name plus a per-start suffix.</summary>
    public string InstanceId { get; }

    /// <summary>When this incarnation started.</summary>
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
}
