using Actors.Grains.Configuration;
using Actors.Grains.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Jobs;

/// <summary>Job turns are tiny bookkeeping: many at once.</summary>
public sealed class JobGrainDefinition(IOptions<SiloOptions> options)
    : GrainConsumerDefinition<JobGrain>(options, _ => 8);

/// <summary>The relay only reads and publishes.</summary>
public sealed class JobProgressRelayDefinition(IOptions<SiloOptions> options)
    : GrainConsumerDefinition<JobProgressRelay>(options, _ => 8);
