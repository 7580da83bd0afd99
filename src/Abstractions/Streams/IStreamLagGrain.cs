using Actors.Abstractions.Security;
namespace Actors.Abstractions.Streams;

/// <summary>
/// How far behind the event streams are, read on any silo. The Orleans Dashboard shows it too: its Grain
/// State page calls <see cref="GetState"/> (grain type <c>Actors.Grains.Streams.StreamLagGrain</c>, id <c>0</c>).
/// </summary>
public interface IStreamLagGrain : IGrainWithIntegerKey
{
    /// <summary>The lag of every durable stream key; none with memory streams.</summary>
    [RequiresRole(Roles.Administrator)]
    Task<StreamLagReport> GetState();
}

/// <summary>Stream lag: the provider (<c>memory</c> or <c>redis</c>) and, for Redis, each key.</summary>
/// <param name="Provider">The configured stream provider.</param>
/// <param name="Keys">The ingress key and each Orleans queue key.</param>
[GenerateSerializer, Immutable]
public sealed record StreamLagReport(string Provider, IReadOnlyList<StreamKeyLag> Keys);

/// <summary>One Redis stream key.</summary>
/// <param name="Key">The key.</param>
/// <param name="Length">Entries in it (acknowledged ones are trimmed away over time).</param>
/// <param name="Pending">Entries delivered to a consumer and not acknowledged yet.</param>
/// <param name="Unread">Entries no consumer has read yet.</param>
[GenerateSerializer, Immutable]
public sealed record StreamKeyLag(string Key, long Length, long Pending, long Unread);
