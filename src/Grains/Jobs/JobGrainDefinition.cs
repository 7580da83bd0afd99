using Actors.Grains.Configuration;
using Actors.Grains.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Jobs;

/// <summary>Job turns are tiny bookkeeping: many at once.</summary>
public sealed class JobGrainDefinition(IOptions<SiloOptions> options, IOptions<RabbitMqOptions> rabbitMq)
    : GrainConsumerDefinition<JobGrain>(options, rabbitMq, _ => 8);
