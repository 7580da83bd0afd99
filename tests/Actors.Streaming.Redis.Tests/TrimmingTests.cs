namespace Actors.Streaming.Redis.Tests;

/// <summary>The trim bounds a stream without removing any entry the group still needs.</summary>
[Collection(RedisCollection.Name)]
public sealed class TrimmingTests(RedisClusterFixture fixture)
{
    [Fact]
    public async Task Trim_removes_acknowledged_entries_only_and_the_rest_is_still_delivered()
    {
        await using var provider = ProviderHarness.Create(fixture.Redis.ConnectionString, "trim:");
        var database = fixture.Connection.GetDatabase();
        var silo = await provider.StartSiloAsync();
        for (var number = 0; number < 20; number++)
        {
            await silo.SendAsync(number);
        }
        var receiver = await silo.StartReceiverAsync();
        var read = await receiver.GetQueueMessagesAsync(100, default);
        await receiver.MessagesDeliveredAsync([.. read.Take(8)], default);
        for (var number = 20; number < 25; number++)
        {
            await silo.SendAsync(number);
        }

        var removed = await RedisStreamTrimmer.TrimAsync(database, provider.Key);

        // 8 acknowledged entries go; 12 pending and 5 unread stay.
        Assert.Equal(8, removed);
        Assert.Equal(17, await database.StreamLengthAsync(provider.Key));
        var kept = (await database.StreamRangeAsync(provider.Key)).Select(entry => entry.Id.ToString()).ToList();
        Assert.Equal(read.Skip(8).Select(batch => ((RedisStreamSequenceToken)batch.SequenceToken).EntryId), kept.Take(12));

        // The receiver dies; its successor still delivers every entry that was not acknowledged.
        var successor = await (await provider.StartSiloAsync()).StartReceiverAsync();
        var delivered = new List<Orleans.Streams.IBatchContainer>();
        for (var batch = await successor.GetQueueMessagesAsync(100, default); batch.Count > 0; batch = await successor.GetQueueMessagesAsync(100, default))
        {
            delivered.AddRange(batch);
        }
        Assert.Equal(Enumerable.Range(8, 17), ProviderHarness.Numbers(delivered));

        await successor.MessagesDeliveredAsync(delivered, default);
        Assert.Equal(17, await RedisStreamTrimmer.TrimAsync(database, provider.Key));
        Assert.Equal(0, await database.StreamLengthAsync(provider.Key));
    }

    [Fact]
    public async Task Trim_leaves_a_stream_alone_until_a_group_reads_it()
    {
        await using var provider = ProviderHarness.Create(fixture.Redis.ConnectionString, "trim-unread:");
        var database = fixture.Connection.GetDatabase();
        var silo = await provider.StartSiloAsync();
        for (var number = 0; number < 5; number++)
        {
            await silo.SendAsync(number);
        }

        Assert.Equal(0, await RedisStreamTrimmer.TrimAsync(database, provider.Key));
        Assert.Equal(0, await RedisStreamTrimmer.TrimAsync(database, "trim-unread:missing"));
        Assert.Equal(5, await database.StreamLengthAsync(provider.Key));
    }
}
