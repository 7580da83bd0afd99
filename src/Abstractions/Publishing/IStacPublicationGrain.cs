using Actors.Abstractions.Security;
using Orleans.Concurrency;

namespace Actors.Abstractions.Publishing;

/// <summary>
/// Pushes one of our STAC items to the external STAC API configured under <c>Stac:Publish</c>, through its
/// Transactions extension, until the target accepts it or refuses it for good. Keyed by
/// <c>{collection}/{itemId}</c> (<see cref="GrainKeys.Publication"/>) of our catalog; the item is read from
/// our catalog when it is pushed.
/// </summary>
public interface IStacPublicationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes on the publication and answers before pushing: when this returns, the publication is durable
    /// (state and reminder written), so a crash afterwards still pushes it. Repeating the call changes nothing:
    /// a pending publication keeps going, a published or failed one stays as it is.
    /// </summary>
    Task<PublicationStatus> PublishAsync();

    /// <summary>The publication's status, or null when it was never requested; answers while a push is under way.</summary>
    [AlwaysInterleave]
    [RequiresRole(Roles.Reader)]
    Task<PublicationStatus?> GetStatusAsync();
}
