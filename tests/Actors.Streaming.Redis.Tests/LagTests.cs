using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Actors.Streaming.Redis.Tests;

/// <summary>What operators read about the backlog of a provider.</summary>
[Collection(RedisCollection.Name)]
public sealed class LagTests(RedisClusterFixture fixture)
{
    [Fact]
    public async Task Lag_counts_length_pending_and_unread_per_queue()
    {
        await using var provider = ProviderHarness.Create(fixture.Redis.ConnectionString, "lag:", queueCount: 2);
        var silo = await provider.StartSiloAsync();
        var stream = StreamId.Create(NumberedEvent.Namespace, "lag");
        var queueNumber = silo.Factory.GetStreamQueueMapper().GetQueueForStream(stream).GetNumericId();
        for (var number = 0; number < 5; number++)
        {
            await silo.SendAsync(stream, number);
        }
        var receiver = await silo.StartReceiverAsync(queueNumber);
        Assert.Equal(3, (await receiver.GetQueueMessagesAsync(3, default)).Count);

        var expected = new[] { 0u, 1u }
            .Select(queue => queue == queueNumber
                ? new QueueLag($"lag:{queue}", 5, 3, 2)
                : new QueueLag($"lag:{queue}", 0, 0, 0))
            .ToList();
        Assert.Equal(expected, await RedisStreamLag.ReadAsync(fixture.Connection, provider.Options));
        Assert.Equal(expected, await RedisStreamLag.ReadAsync(provider.Options));
        Assert.Equal(expected, await provider.Services.GetRequiredKeyedService<RedisStreamLagReader>(ProviderHarness.Name).ReadAsync());
    }

    [Fact]
    public async Task A_queue_no_silo_has_read_yet_is_all_unread()
    {
        await using var provider = ProviderHarness.Create(fixture.Redis.ConnectionString, "lag-unread:");
        var silo = await provider.StartSiloAsync();
        await silo.SendAsync(1);
        await silo.SendAsync(2);

        Assert.Equal([new QueueLag("lag-unread:0", 2, 0, 2)], await RedisStreamLag.ReadAsync(fixture.Connection, provider.Options));
    }
}
