using StackExchange.Redis;

namespace Actors.Streaming.Redis;

/// <summary>Sorts Redis errors into those a later call can outlive and those that need the receiver to react.</summary>
internal static class RedisFailures
{
    /// <summary>
    /// Redis is unreachable, slow, or still loading its data after a restart: the command may or may not have run,
    /// and the same call is worth trying again later.
    /// </summary>
    public static bool IsTransient(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException
        || (exception is RedisServerException server && server.Message.StartsWith("LOADING", StringComparison.Ordinal));

    /// <summary>The consumer group (or the whole stream) is gone, e.g. Redis lost its data or an operator deleted it.</summary>
    public static bool IsMissingGroup(Exception exception) =>
        exception is RedisServerException server && server.Message.StartsWith("NOGROUP", StringComparison.Ordinal);

    /// <summary>The group already exists: creating it again is the normal case for every receiver but the first.</summary>
    public static bool IsExistingGroup(Exception exception) =>
        exception is RedisServerException server && server.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal);

    /// <summary>The stream key does not exist yet (no entry was ever added and no group created).</summary>
    public static bool IsMissingKey(Exception exception) =>
        exception is RedisServerException server && server.Message.Contains("no such key", StringComparison.OrdinalIgnoreCase);
}
