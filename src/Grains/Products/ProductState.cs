namespace Actors.Grains.Products;

/// <summary>Durable state of a product grain.</summary>
/// <param name="SceneId">Source scene.</param>
/// <param name="Product">Product name.</param>
/// <param name="Version">Processor version.</param>
/// <param name="Status">One of <c>ProductStates</c>.</param>
/// <param name="Reason">Why it failed.</param>
/// <param name="Computations">How many times the computation started; more than 1 only after a crash or retry.</param>
/// <param name="StacItemId">The registered item, once completed.</param>
/// <param name="Assets">Asset key to href, once completed.</param>
/// <param name="ComputedBy">Name of the silo that ran the latest computation.</param>
public sealed record ProductState(
    string SceneId, string Product, string Version, string Status, string? Reason, int Computations,
    string? StacItemId, IReadOnlyDictionary<string, string> Assets, string? ComputedBy = null);
