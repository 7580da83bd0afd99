using Orleans.Runtime;
using Orleans.Streams;

namespace Actors.Streaming.Redis.Tests;

/// <summary>Records what the Redis stream provider delivers to it through an implicit subscription.</summary>
[ImplicitStreamSubscription(NumberedEvent.Namespace)]
public sealed class NumberRecorderGrain : Grain, INumberRecorderGrain
{
    private readonly List<int> received = [];

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(RedisClusterFixture.Provider)
            .GetStream<NumberedEvent>(StreamId.Create(NumberedEvent.Namespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((item, _) =>
        {
            received.Add(item.Number);
            return Task.CompletedTask;
        });
    }

    /// <inheritdoc />
    public Task<List<int>> GetReceivedAsync() => Task.FromResult(received.ToList());
}
