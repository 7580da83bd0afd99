using Actors.Abstractions.Security;

namespace Actors.Abstractions.Feeds;

/// <summary>
/// One feed subscription, keyed by its id (see <see cref="FeedSubscriptionRules.ValidateId"/>): polls an external
/// STAC API on its period and publishes each new item once as an acquisition. While active it holds an Orleans
/// reminder, so it outlives its activation and a silo restart. It belongs to the user who created it: for anyone
/// else but administrators it does not exist.
/// </summary>
public interface IFeedSubscriptionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the subscription and starts polling at once. Creating it again with the same definition changes
    /// nothing and returns its status.
    /// </summary>
    /// <exception cref="FeedSubscriptionRejectedException">The id or definition is invalid (400).</exception>
    /// <exception cref="FeedSubscriptionConflictException">The id exists with a different definition, or belongs to another user (409).</exception>
    [RequiresRole(Roles.Publisher)]
    Task<FeedSubscriptionStatus> CreateAsync(FeedSubscription definition, Caller caller);

    /// <summary>The status, or null when there is no such subscription (or <paramref name="caller"/> may not see it).</summary>
    [RequiresRole(Roles.Reader)]
    Task<FeedSubscriptionStatus?> GetStatusAsync(Caller caller);

    /// <summary>Stops polling (a poll in progress is cancelled) and keeps everything else; null when unknown.</summary>
    [RequiresRole(Roles.Publisher)]
    Task<FeedSubscriptionStatus?> PauseAsync(Caller caller);

    /// <summary>Polls again at once and on the period from then on, continuing from the cursor; null when unknown.</summary>
    [RequiresRole(Roles.Publisher)]
    Task<FeedSubscriptionStatus?> ResumeAsync(Caller caller);

    /// <summary>Stops polling, drops the reminder, forgets the state and leaves the registry; false when unknown.</summary>
    [RequiresRole(Roles.Publisher)]
    Task<bool> DeleteAsync(Caller caller);
}

/// <summary>The ids of every feed subscription, so they can be listed; one instance, key 0.</summary>
public interface IFeedRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds an id. Idempotent.</summary>
    Task AddAsync(string id);

    /// <summary>Removes an id. Idempotent.</summary>
    Task RemoveAsync(string id);

    /// <summary>Every id, in ordinal order (clients then ask each subscription, which answers only to whoever may see it).</summary>
    [RequiresRole(Roles.Reader)]
    Task<IReadOnlyList<string>> ListAsync();
}
