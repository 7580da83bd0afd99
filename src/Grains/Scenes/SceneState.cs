using Actors.Abstractions.Api;

namespace Actors.Grains.Scenes;

/// <summary>Durable state of a scene grain.</summary>
/// <param name="ItemId">Source STAC item id.</param>
/// <param name="ItemJson">Source STAC item as accepted.</param>
/// <param name="ItemHref">Where the source item came from, for relative hrefs and lineage.</param>
/// <param name="Aoi">WGS84 AOI, or null for the whole scene.</param>
/// <param name="Products">Products requested by any acquisition of this scene.</param>
/// <param name="JobIds">Jobs tracking this scene.</param>
/// <param name="Status">One of <see cref="SceneStates"/>.</param>
/// <param name="Reason">Why staging failed.</param>
/// <param name="Bands">Staged bands (common names), once staged.</param>
/// <param name="HandedOver">Products whose grains have taken on the work (or its failure); the scene is done when all have.</param>
/// <param name="UpdatedAt">When the state last changed.</param>
public sealed record SceneState(
    string ItemId, string ItemJson, string? ItemHref, double[]? Aoi, IReadOnlyList<string> Products,
    IReadOnlyList<string> JobIds, string Status, string? Reason, IReadOnlyList<string> Bands,
    IReadOnlyList<string> HandedOver, DateTimeOffset UpdatedAt)
{
    /// <summary>True when nothing is left to do: staged or failed, and every product handed to its grain.</summary>
    public bool IsDone => Status is SceneStates.Staged or SceneStates.Failed && Products.All(HandedOver.Contains);
}
