namespace Actors.Streaming.Redis.Tests;

/// <summary>A consumer of one <see cref="NumberedEvent.Namespace"/> stream (same key as the grain).</summary>
public interface INumberRecorderGrain : IGrainWithStringKey
{
    /// <summary>Every number received, in arrival order, duplicates included.</summary>
    Task<List<int>> GetReceivedAsync();
}
