using Actors.Grains.Configuration;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Runtime;

/// <summary>Who this silo process is: recorded as the owner of work it runs.</summary>
public sealed class SiloIdentity(IOptions<SiloOptions> options)
{
    /// <summary>The instance id: configured, or host name plus a per-start suffix.</summary>
    public string InstanceId { get; } = string.IsNullOrWhiteSpace(options.Value.InstanceId)
        ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}"
        : options.Value.InstanceId;
}
