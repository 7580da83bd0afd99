namespace Actors.Streaming.Redis.Tests;

/// <summary>The event the tests send: a number, so the receiving side can check completeness and order.</summary>
[GenerateSerializer, Immutable]
public sealed record NumberedEvent(int Number)
{
    /// <summary>The stream namespace the recorder grains subscribe to implicitly.</summary>
    public const string Namespace = "numbers";
}
