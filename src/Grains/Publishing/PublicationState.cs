using Actors.Abstractions.Publishing;

namespace Actors.Grains.Publishing;

/// <summary>Durable state of a publication grain.</summary>
/// <param name="Collection">Our collection.</param>
/// <param name="ItemId">The item id.</param>
/// <param name="Status">One of <see cref="PublicationStates"/>.</param>
/// <param name="Attempts">Pushes tried so far.</param>
/// <param name="LastError">Why the latest push did not succeed.</param>
/// <param name="Outcome"><c>created</c> or <c>updated</c>, once published.</param>
/// <param name="RequestedAt">When the publication was requested.</param>
/// <param name="LastAttemptAt">When the latest push was tried.</param>
/// <param name="NextAttemptAt">When the next push is due, while pending.</param>
/// <param name="PublishedAt">When the target accepted the item.</param>
public sealed record PublicationState(
    string Collection, string ItemId, string Status, int Attempts, string? LastError, string? Outcome,
    DateTimeOffset RequestedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? PublishedAt)
{
    /// <summary>A publication just requested, due at once.</summary>
    public static PublicationState Requested(string collection, string itemId, DateTimeOffset now) =>
        new(collection, itemId, PublicationStates.Pending, 0, null, null, now, null, now, null);

    /// <summary>The status answered for this state.</summary>
    public PublicationStatus ToStatus(string targetCollection) => new(
        Collection, ItemId, targetCollection, Status, Attempts, LastError, Outcome, RequestedAt, LastAttemptAt, NextAttemptAt, PublishedAt);
}
