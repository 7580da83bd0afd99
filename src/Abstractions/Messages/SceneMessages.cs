namespace Actors.Abstractions.Messages;

/// <summary>
/// Request to the scene grain <paramref name="SceneId"/>: accept an acquisition. The reply
/// (<see cref="AcquisitionAccepted"/>) is sent only once acceptance is durably committed.
/// </summary>
/// <param name="SceneId">Scene grain key, see <see cref="GrainKeys.Scene"/>.</param>
/// <param name="ItemJson">The STAC item, as JSON text.</param>
/// <param name="ItemHref">Where the item came from (used to resolve relative asset hrefs), if known.</param>
/// <param name="Aoi">Area of interest as <c>[w, s, e, n]</c> in WGS84, or null for the whole scene.</param>
/// <param name="Products">Products wanted; never empty.</param>
/// <param name="JobId">Job the acquisition belongs to, if any.</param>
public sealed record AcceptAcquisition(
    string SceneId, string ItemJson, string? ItemHref, double[]? Aoi, IReadOnlyList<string> Products, string? JobId);

/// <summary>Reply to <see cref="AcceptAcquisition"/>.</summary>
/// <param name="SceneId">The scene grain key.</param>
/// <param name="State">The scene's state after acceptance.</param>
/// <param name="AlreadyKnown">True when the scene had been accepted before (a repeated event).</param>
public sealed record AcquisitionAccepted(string SceneId, string State, bool AlreadyKnown);

/// <summary>Self-message of a scene grain: stage (or resume staging) the scene. Idempotent.</summary>
public sealed record StageScene(string SceneId);

/// <summary>Event: a scene was staged and registered in the catalog.</summary>
public sealed record SceneStaged(string SceneId, string StacItemId, IReadOnlyList<string> Products);

/// <summary>Event: a scene could not be staged.</summary>
public sealed record SceneFailed(string SceneId, string Reason);
