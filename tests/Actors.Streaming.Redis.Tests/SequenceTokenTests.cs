using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Actors.Streaming.Redis.Tests;

/// <summary>Tokens order as Redis orders entries, and survive Orleans serialization.</summary>
public sealed class SequenceTokenTests
{
    [Fact]
    public void Tokens_order_by_entry_id_numerically_then_by_event_index()
    {
        RedisStreamSequenceToken[] ordered =
        [
            new(9, 0, 0), new(9, 0, 1), new(9, 1, 0), new(9, 10, 0), new(10, 0, 0),
        ];

        Assert.Equal(ordered, ordered.Reverse().Order());
        Assert.Equal(new RedisStreamSequenceToken(9, 1, 0), new RedisStreamSequenceToken(9, 1, 0));
        Assert.Equal("10-0", ordered[^1].EntryId);
    }

    [Fact]
    public void Tokens_and_batches_round_trip_through_the_Orleans_serializer()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var batch = new RedisStreamBatchContainer(StreamId.Create("numbers", "a"), [new NumberedEvent(1), new NumberedEvent(2)], null)
        {
            Token = new RedisStreamSequenceToken(1_700_000_000_000, 3, 0),
        };

        var copy = serializer.Deserialize<RedisStreamBatchContainer>(serializer.SerializeToArray(batch))!;

        Assert.Equal(batch.StreamId, copy.StreamId);
        Assert.Equal(
            [(1, "[Redis 1700000000000-3#0]"), (2, "[Redis 1700000000000-3#1]")],
            copy.GetEvents<NumberedEvent>().Select(item => (item.Item1.Number, item.Item2.ToString())));
    }
}
