using Actors.Abstractions.Security;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Api;
using Orleans.Concurrency;

namespace Actors.Abstractions.Scenes;

/// <summary>
/// The activator, keyed by scene id (<see cref="GrainKeys.Scene"/>): accepts acquisitions, stages the scene
/// once (crop, COGs, STAC item) and hands each product to its product grain. Acquisitions also arrive on
/// the <c>acquisitions</c> stream, to which scene grains subscribe implicitly.
/// </summary>
public interface ISceneGrain : IGrainWithStringKey
{
    /// <summary>Accepts an acquisition; answers once acceptance is committed. A repeat changes nothing.</summary>
    Task<AcquisitionAccepted> AcceptAsync(Acquisition acquisition);

    /// <summary>The scene and its products, or null if the scene was never accepted. Answers while the scene stages.</summary>
    [AlwaysInterleave]
    [RequiresRole(Roles.Reader)]
    Task<SceneStatus?> GetStatusAsync();
}
