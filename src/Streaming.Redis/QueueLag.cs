namespace Actors.Streaming.Redis;

/// <summary>How far the provider's consumer group is behind on one stream key.</summary>
/// <param name="Key">The Redis stream key (one Orleans queue).</param>
/// <param name="Length">Entries in the stream (<c>XLEN</c>): unread, pending and not yet trimmed.</param>
/// <param name="Pending">Entries delivered to a silo and not yet acknowledged.</param>
/// <param name="Unread">Entries not yet delivered to any silo.</param>
public sealed record QueueLag(string Key, long Length, long Pending, long Unread);
