using Orleans.Streams;

namespace Actors.Streaming.Redis.Tests;

/// <summary>At-least-once delivery across a silo crash, at the receiver level.</summary>
[Collection(RedisCollection.Name)]
public sealed class ReceiverRecoveryTests(RedisClusterFixture fixture)
{
    [Fact]
    public async Task Entries_left_pending_by_a_dead_receiver_go_first_to_the_next_one()
    {
        await using var provider = ProviderHarness.Create(fixture.Redis.ConnectionString, "recovery:");
        var database = fixture.Connection.GetDatabase();
        var siloA = await provider.StartSiloAsync();
        for (var number = 0; number < 10; number++)
        {
            await siloA.SendAsync(number);
        }

        // Silo A reads everything (its group starts at 0, so entries written before it existed count) and dies
        // before acknowledging anything.
        var receiverA = await siloA.StartReceiverAsync();
        var readByA = await receiverA.GetQueueMessagesAsync(100, default);
        Assert.Equal(Enumerable.Range(0, 10), ProviderHarness.Numbers(readByA));
        var consumerA = (await database.StreamPendingAsync(provider.Key, provider.Options.ConsumerGroup)).Consumers.Single().Name;
        for (var number = 10; number < 15; number++)
        {
            await siloA.SendAsync(number);
        }

        var siloB = await provider.StartSiloAsync();
        var receiverB = await siloB.StartReceiverAsync();
        var pending = await database.StreamPendingAsync(provider.Key, provider.Options.ConsumerGroup);
        Assert.Equal(10, pending.PendingMessageCount);
        Assert.NotEqual(consumerA, Assert.Single(pending.Consumers).Name);

        var first = await receiverB.GetQueueMessagesAsync(100, default);
        var second = await receiverB.GetQueueMessagesAsync(100, default);
        Assert.Equal(Enumerable.Range(0, 10), ProviderHarness.Numbers(first));
        Assert.Equal(readByA.Select(batch => batch.SequenceToken), first.Select(batch => batch.SequenceToken));
        Assert.Equal(Enumerable.Range(10, 5), ProviderHarness.Numbers(second));
        Assert.Empty(await receiverB.GetQueueMessagesAsync(100, default));

        await receiverB.MessagesDeliveredAsync([.. first, .. second], default);

        Assert.Equal(0, (await database.StreamPendingAsync(provider.Key, provider.Options.ConsumerGroup)).PendingMessageCount);
    }

    [Fact]
    public async Task Entries_a_former_owner_read_after_the_hand_over_are_taken_over_within_a_trim_interval()
    {
        await using var provider = ProviderHarness.Create(fixture.Redis.ConnectionString, "stranded:", trimInterval: TimeSpan.FromSeconds(1));
        var database = fixture.Connection.GetDatabase();
        var newOwner = await (await provider.StartSiloAsync()).StartReceiverAsync();
        Assert.Empty(await newOwner.GetQueueMessagesAsync(100, default));

        // The former owner reads new entries after the new owner's start-up claim, then lets the queue go without
        // acknowledging them: nothing else would ever deliver them.
        var formerSilo = await provider.StartSiloAsync();
        for (var number = 0; number < 5; number++)
        {
            await formerSilo.SendAsync(number);
        }
        var former = await formerSilo.StartReceiverAsync();
        Assert.Equal(Enumerable.Range(0, 5), ProviderHarness.Numbers(await former.GetQueueMessagesAsync(100, default)));
        await formerSilo.SendAsync(5);

        var taken = new List<IBatchContainer>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (taken.Count < 6 && DateTime.UtcNow < deadline)
        {
            taken.AddRange(await newOwner.GetQueueMessagesAsync(100, default));
            await Task.Delay(100);
        }
        Assert.Equal(Enumerable.Range(0, 6), ProviderHarness.Numbers(taken).Order());
        await newOwner.MessagesDeliveredAsync(taken, default);
        Assert.Equal(0, (await database.StreamPendingAsync(provider.Key, provider.Options.ConsumerGroup)).PendingMessageCount);
    }

    [Fact]
    public async Task A_lost_consumer_group_is_recreated_and_what_is_left_delivered_again()
    {
        await using var provider = ProviderHarness.Create(fixture.Redis.ConnectionString, "lost-group:");
        var database = fixture.Connection.GetDatabase();
        var silo = await provider.StartSiloAsync();
        await silo.SendAsync(1);
        var receiver = await silo.StartReceiverAsync();
        Assert.Equal([1], ProviderHarness.Numbers(await receiver.GetQueueMessagesAsync(100, default)));

        // As after a Redis restart without persistence, or an operator's XGROUP DESTROY.
        await database.StreamDeleteConsumerGroupAsync(provider.Key, provider.Options.ConsumerGroup);
        await silo.SendAsync(2);

        Assert.Empty(await receiver.GetQueueMessagesAsync(100, default));
        Assert.Equal([1, 2], ProviderHarness.Numbers(await receiver.GetQueueMessagesAsync(100, default)));
    }
}
