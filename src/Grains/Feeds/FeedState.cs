using Actors.Abstractions.Feeds;
using Actors.Abstractions.Security;

namespace Actors.Grains.Feeds;

/// <summary>Durable state of a feed subscription grain (stored as JSON).</summary>
public sealed class FeedState
{
    /// <summary>The validated definition.</summary>
    public FeedSubscription Definition { get; set; } = new();

    /// <summary>
    /// The subject that created it: only that user and administrators see it, and its acquisitions are published for
    /// that user. Subscriptions kept from before owners existed belong to the anonymous user.
    /// </summary>
    public string Owner { get; set; } = Caller.AnonymousSubject;

    /// <summary>One of <see cref="FeedStates"/>.</summary>
    public string Status { get; set; } = FeedStates.Active;

    /// <summary>When the subscription was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The newest item datetime known to be fully processed: every item the source holds at or before it (and at or
    /// after the window start) has been published. The next search starts at the cursor minus the overlap.
    /// </summary>
    public DateTimeOffset? Cursor { get; set; }

    /// <summary>
    /// Item ids published (or refused by the intake) with their datetimes, kept while the datetime is not older
    /// than the cursor minus the overlap: exactly the ids a search from there can return again.
    /// </summary>
    public Dictionary<string, DateTimeOffset> Recent { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the last poll started.</summary>
    public DateTimeOffset? LastPollAt { get; set; }

    /// <summary>When the last complete poll ended.</summary>
    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Items the source returned over all polls.</summary>
    public long ItemsSeen { get; set; }

    /// <summary>Items handed to the intake.</summary>
    public long ItemsPublished { get; set; }

    /// <summary>New items the intake refused.</summary>
    public long ItemsRejected { get; set; }

    /// <summary>Polls failed in a row.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>The last failure's message.</summary>
    public string? LastError { get; set; }

    /// <summary>When the last failure happened.</summary>
    public DateTimeOffset? LastErrorAt { get; set; }

    /// <summary>When the next poll is due, while active.</summary>
    public DateTimeOffset? NextPollAt { get; set; }
}
