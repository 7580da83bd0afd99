namespace Actors.Abstractions.Publishing;

/// <summary>States of a publication to the external STAC API.</summary>
public static class PublicationStates
{
    /// <summary>Not yet accepted by the target: pushes are retried.</summary>
    public const string Pending = "pending";
    /// <summary>The target holds the item.</summary>
    public const string Published = "published";
    /// <summary>The target refused the item (a 4xx other than 404 and 409); not retried, see the last error.</summary>
    public const string Failed = "failed";

    /// <summary>True for a state no further push changes.</summary>
    public static bool IsFinal(string state) => state is Published or Failed;
}

/// <summary>Answer of <c>GET /api/publications/{collection}/{itemId}</c>.</summary>
/// <param name="Collection">Our collection.</param>
/// <param name="ItemId">The item id (the same at the target).</param>
/// <param name="TargetCollection">The collection at the target.</param>
/// <param name="State">One of <see cref="PublicationStates"/>.</param>
/// <param name="Attempts">Pushes tried so far.</param>
/// <param name="LastError">Why the latest push did not succeed, if it did not.</param>
/// <param name="Outcome">How the target took the item: <c>created</c> (201) or <c>updated</c> (409, then PUT).</param>
/// <param name="RequestedAt">When the publication was requested.</param>
/// <param name="LastAttemptAt">When the latest push was tried.</param>
/// <param name="NextAttemptAt">When the next push is due, while pending.</param>
/// <param name="PublishedAt">When the target accepted the item.</param>
[GenerateSerializer, Immutable]
public sealed record PublicationStatus(
    string Collection, string ItemId, string TargetCollection, string State, int Attempts, string? LastError, string? Outcome,
    DateTimeOffset RequestedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? PublishedAt);
