using Actors.Grains.Configuration;
using Actors.Grains.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Jobs;

/// <summary>The relay only reads and publishes.</summary>
public sealed class JobProgressRelayDefinition(IOptions<SiloOptions> options, IOptions<RabbitMqOptions> rabbitMq)
    : GrainConsumerDefinition<JobProgressRelay>(options, rabbitMq, _ => 8);
