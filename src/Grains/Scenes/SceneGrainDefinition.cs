using Actors.Grains.Configuration;
using Actors.Grains.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Scenes;

/// <summary>Scene turns: a few at once (staging is mostly I/O).</summary>
public sealed class SceneGrainDefinition(IOptions<SiloOptions> options, IOptions<RabbitMqOptions> rabbitMq)
    : GrainConsumerDefinition<SceneGrain>(options, rabbitMq, o => o.SceneConcurrency);
