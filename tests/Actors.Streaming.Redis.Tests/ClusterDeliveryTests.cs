using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Actors.Streaming.Redis.Tests;

/// <summary>The provider inside a two-silo cluster: what a consumer grain receives, and what Redis holds afterwards.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterDeliveryTests(RedisClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Events_of_one_stream_arrive_complete_and_in_order()
    {
        var stream = fixture.Stream("ordered");
        for (var number = 0; number < 1000; number++)
        {
            await stream.OnNextAsync(new NumberedEvent(number));
        }

        var received = await WaitForNumbersAsync("ordered", 1000, TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(0, 1000), received);
    }

    [Fact]
    public async Task Events_of_many_streams_spread_over_the_queues_are_all_delivered_and_acknowledged()
    {
        var database = fixture.Connection.GetDatabase();
        var keys = RedisQueueKeys.All(fixture.ClusterOptions).ToArray();
        var readBefore = await EntriesReadAsync(database, keys);
        var streams = Enumerable.Range(0, 200).Select(index => $"spread-{index}").ToArray();

        await Parallel.ForEachAsync(streams, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, _) =>
        {
            var stream = fixture.Stream(key);
            for (var number = 0; number < 5; number++)
            {
                await stream.OnNextAsync(new NumberedEvent(number));
            }
        });

        foreach (var key in streams)
        {
            Assert.Equal(Enumerable.Range(0, 5), (await WaitForNumbersAsync(key, 5, TimeSpan.FromSeconds(60))).Distinct().Order());
        }
        var readAfter = await EntriesReadAsync(database, keys);
        Assert.All(keys, key => Assert.True(readAfter[key] > readBefore[key], $"{key} received none of the 200 streams"));

        // Acknowledged (nothing pending), then trimmed by the silos' periodic trim (nothing left).
        await Eventually.AssertAsync(async () =>
        {
            foreach (var key in keys)
            {
                Assert.Equal(0, (await database.StreamPendingAsync(key, fixture.ClusterOptions.ConsumerGroup)).PendingMessageCount);
            }
        });
        var lagReader = fixture.SiloServices(0).GetRequiredKeyedService<RedisStreamLagReader>(RedisClusterFixture.Provider);
        await Eventually.AssertAsync(async () =>
            Assert.All(await lagReader.ReadAsync(), lag => Assert.Equal(new QueueLag(lag.Key, 0, 0, 0), lag)));
    }

    [Fact]
    public async Task Events_sent_before_during_and_after_a_Redis_restart_are_all_delivered()
    {
        const int total = 300;
        var stream = fixture.Stream("restart");
        var retries = 0;
        var producer = Task.Run(async () =>
        {
            for (var number = 0; number < total; number++)
            {
                retries += await SendAsync(stream, number);
                await Task.Delay(5);
            }
        });

        // Restart mid-stream: some events delivered, some pending in a silo's cache, some not yet sent.
        await WaitForNumbersAsync("restart", total / 3, TimeSpan.FromSeconds(30));
        await fixture.Redis.RestartAsync(TimeSpan.FromSeconds(6));
        await producer;

        var received = await WaitForNumbersAsync("restart", total, TimeSpan.FromSeconds(90));
        Assert.Equal(Enumerable.Range(0, total), received.Distinct().Order());
        output.WriteLine($"Redis restart: {received.Count} deliveries of {total} events ({received.Count - total} duplicates), {retries} send retries.");

        // The pulling agents work on after the restart: everything gets acknowledged.
        var database = fixture.Connection.GetDatabase();
        await Eventually.AssertAsync(async () =>
        {
            foreach (var key in RedisQueueKeys.All(fixture.ClusterOptions))
            {
                Assert.Equal(0, (await database.StreamPendingAsync(key, fixture.ClusterOptions.ConsumerGroup)).PendingMessageCount);
            }
        });
    }

    /// <summary>Sends one event, retrying while Redis is coming back; returns the number of retries.</summary>
    private static async Task<int> SendAsync(IAsyncStream<NumberedEvent> stream, int number)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var retries = 0; ; retries++)
        {
            try
            {
                await stream.OnNextAsync(new NumberedEvent(number));
                return retries;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private async Task<List<int>> WaitForNumbersAsync(string key, int distinct, TimeSpan timeout)
    {
        var grain = fixture.Cluster.Client.GetGrain<INumberRecorderGrain>(key);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = await grain.GetReceivedAsync();
            if (received.Distinct().Count() >= distinct)
            {
                return received;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"stream {key}: {received.Distinct().Count()} of {distinct} events after {timeout}.");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<Dictionary<string, long>> EntriesReadAsync(IDatabase database, IEnumerable<string> keys)
    {
        var read = new Dictionary<string, long>();
        foreach (var key in keys)
        {
            var groups = await database.KeyExistsAsync(key) ? await database.StreamGroupInfoAsync(key) : [];
            read[key] = groups.Sum(group => group.EntriesRead ?? 0);
        }
        return read;
    }
}
