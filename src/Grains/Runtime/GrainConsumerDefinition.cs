using Actors.Grains.Configuration;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Runtime;

/// <summary>
/// Endpoint settings every grain shares: retries with backoff (a stale-version write or a passing fault
/// re-runs the turn on fresh state) and a concurrency limit chosen per grain kind.
/// </summary>
public abstract class GrainConsumerDefinition<TGrain> : ConsumerDefinition<TGrain> where TGrain : class, IConsumer
{
    private readonly SiloOptions _options;

    /// <summary>Sets the concurrency from <paramref name="concurrency"/> applied to the options.</summary>
    protected GrainConsumerDefinition(IOptions<SiloOptions> options, Func<SiloOptions, int> concurrency)
    {
        _options = options.Value;
        ConcurrentMessageLimit = Math.Max(1, concurrency(_options));
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TGrain> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(
            Math.Max(1, _options.RetryLimit), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)));
    }
}
