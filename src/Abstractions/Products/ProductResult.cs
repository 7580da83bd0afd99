using Actors.Abstractions.Api;

namespace Actors.Abstractions.Products;

/// <summary>
/// Result event on the <c>results</c> stream (keyed by scene): a product was made and registered
/// (<see cref="ProductStates.Completed"/>) or could not be (<see cref="ProductStates.Failed"/>, with the reason).
/// </summary>
/// <param name="SceneId">Source scene.</param>
/// <param name="Product">Product name (also its STAC collection).</param>
/// <param name="Version">Version of the processor that made it.</param>
/// <param name="State"><see cref="ProductStates.Completed"/> or <see cref="ProductStates.Failed"/>.</param>
/// <param name="Reason">Why it failed.</param>
/// <param name="StacItemId">Id of the product's STAC item, once completed.</param>
/// <param name="Assets">Asset key to href (e.g. <c>data</c>, <c>quicklook</c>).</param>
/// <param name="Computations">How often the computation started.</param>
/// <param name="ComputedBy">The silo that made it.</param>
[GenerateSerializer, Immutable]
public sealed record ProductResult(
    string SceneId, string Product, string Version, string State, string? Reason, string? StacItemId,
    IReadOnlyDictionary<string, string> Assets, int Computations, string? ComputedBy);
