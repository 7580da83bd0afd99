namespace Actors.Streaming.Redis.Tests;

/// <summary>The tests sharing one Redis server and cluster; xunit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisClusterFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "redis";
}
