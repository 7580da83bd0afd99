namespace Actors.Abstractions.Feeds;

/// <summary>States of a feed subscription.</summary>
public static class FeedStates
{
    /// <summary>Polling at its period (or backing off after failures).</summary>
    public const string Active = "active";

    /// <summary>Not polling until resumed; its cursor and remembered items are kept.</summary>
    public const string Paused = "paused";
}

/// <summary>A feed subscription as <c>GET /api/subscriptions/{id}</c> shows it: its definition and how its polling goes.</summary>
/// <param name="Id">The subscription id (the grain key).</param>
/// <param name="Owner">The subject that created it.</param>
/// <param name="Definition">What it polls and publishes.</param>
/// <param name="State">One of <see cref="FeedStates"/>.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LastPollAt">When the last poll started, successful or not.</param>
/// <param name="LastSuccessAt">When the last poll that read every page ended.</param>
/// <param name="ItemsSeen">Items the source returned, over all polls (re-reads of the overlap included).</param>
/// <param name="ItemsPublished">Items published as acquisitions: each new item once.</param>
/// <param name="ItemsRejected">New items the intake refused (not a valid STAC item, …); they are not retried.</param>
/// <param name="ConsecutiveFailures">Polls that failed in a row; 0 after a success.</param>
/// <param name="LastError">The last failure's message (kept after a recovery, see <see cref="LastErrorAt"/>).</param>
/// <param name="LastErrorAt">When the last failure happened.</param>
/// <param name="NextPollAt">When the next poll is due, while active.</param>
/// <param name="Cursor">The newest item datetime of the last complete poll: the next search starts at it minus the overlap.</param>
[GenerateSerializer, Immutable]
public sealed record FeedSubscriptionStatus(
    string Id, string Owner, FeedSubscription Definition, string State, DateTimeOffset CreatedAt,
    DateTimeOffset? LastPollAt, DateTimeOffset? LastSuccessAt, long ItemsSeen, long ItemsPublished, long ItemsRejected,
    int ConsecutiveFailures, string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset? NextPollAt, DateTimeOffset? Cursor);
