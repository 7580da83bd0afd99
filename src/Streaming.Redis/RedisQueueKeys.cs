using System.Globalization;
using Orleans.Streams;

namespace Actors.Streaming.Redis;

/// <summary>Names the Redis stream key behind each Orleans queue of a provider.</summary>
internal static class RedisQueueKeys
{
    public static string For(RedisStreamOptions options, int queueNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"{options.KeyPrefix}{queueNumber}");

    // The hash-ring mapper numbers its queues 0..QueueCount-1, which makes the numeric id the key suffix.
    public static string For(RedisStreamOptions options, QueueId queueId) => For(options, checked((int)queueId.GetNumericId()));

    public static IEnumerable<string> All(RedisStreamOptions options) =>
        Enumerable.Range(0, options.QueueCount).Select(queueNumber => For(options, queueNumber));
}
