namespace Actors.Abstractions.Acquisitions;

/// <summary>
/// A validated acquisition event, as it travels on the <c>acquisitions</c> stream to the scene grain
/// <paramref name="SceneId"/> or is handed to it directly.
/// </summary>
/// <param name="SceneId">Scene grain key, see <see cref="GrainKeys.Scene"/>.</param>
/// <param name="ItemJson">The STAC item, as JSON text.</param>
/// <param name="ItemHref">Where the item came from (used to resolve relative asset hrefs), if known.</param>
/// <param name="Aoi">Area of interest as <c>[w, s, e, n]</c> in WGS84, or null for the whole scene.</param>
/// <param name="Products">Products wanted; never empty.</param>
/// <param name="JobId">Job the acquisition belongs to, if any.</param>
[GenerateSerializer, Immutable]
public sealed record Acquisition(
    string SceneId, string ItemJson, string? ItemHref, double[]? Aoi, IReadOnlyList<string> Products, string? JobId);

/// <summary>The scene grain's answer to an acquisition, given once acceptance is durably committed.</summary>
/// <param name="SceneId">The scene grain key.</param>
/// <param name="State">The scene's state after acceptance.</param>
/// <param name="AlreadyKnown">True when the scene had been accepted before (a repeated event).</param>
[GenerateSerializer, Immutable]
public sealed record AcquisitionAccepted(string SceneId, string State, bool AlreadyKnown);
