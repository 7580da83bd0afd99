using Actors.Grains.Configuration;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Runtime;

/// <summary>
/// Endpoint settings every grain shares: retries with backoff (a stale-version write or a passing fault
/// re-runs the turn on fresh state), long retries while a service is unreachable, a concurrency limit
/// chosen per grain kind, and on RabbitMQ quorum queues with a prefetch matched to that limit.
/// </summary>
public abstract class GrainConsumerDefinition<TGrain> : ConsumerDefinition<TGrain> where TGrain : class, IConsumer
{
    private readonly SiloOptions _options;
    private readonly RabbitMqOptions _rabbitMq;

    /// <summary>Sets the concurrency from <paramref name="concurrency"/> applied to the options.</summary>
    protected GrainConsumerDefinition(IOptions<SiloOptions> options, IOptions<RabbitMqOptions> rabbitMq, Func<SiloOptions, int> concurrency)
    {
        _options = options.Value;
        _rabbitMq = rabbitMq.Value;
        ConcurrentMessageLimit = Math.Max(1, concurrency(_options));
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TGrain> consumerConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = _rabbitMq.Prefetch > 0 ? _rabbitMq.Prefetch : ConcurrentMessageLimit ?? 1;
            if (_rabbitMq.QuorumQueues) rabbit.SetQuorumQueue();
        }
        // Outer: an outage (database restart, broker reconnect) is waited out, up to minutes.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFailures.Is);
            r.Exponential(Math.Max(1, _options.TransientRetryLimit), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        });
        // Inner: anything else is tried a few times, then the message faults to the error queue with its reason.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<Exception>(TransientFailures.Is);
            r.Exponential(Math.Max(1, _options.RetryLimit), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        });
    }
}
