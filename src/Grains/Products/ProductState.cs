using Actors.Abstractions.Api;
using Actors.Abstractions.Products;

namespace Actors.Grains.Products;

/// <summary>Durable state of a product grain.</summary>
/// <param name="SceneId">Source scene.</param>
/// <param name="Product">Product name.</param>
/// <param name="Version">Processor version.</param>
/// <param name="Status">One of <see cref="ProductStates"/>.</param>
/// <param name="Reason">Why it failed.</param>
/// <param name="Computations">How many times the computation started; more than 1 only after a crash or an unexpected error.</param>
/// <param name="StacItemId">The registered item, once completed.</param>
/// <param name="Assets">Asset key to href, once completed.</param>
/// <param name="ComputedBy">Name of the silo that ran the latest computation.</param>
/// <param name="ResultPublished">True once the result event is on the <c>results</c> stream; until then the work is unfinished.</param>
public sealed record ProductState(
    string SceneId, string Product, string Version, string Status, string? Reason, int Computations,
    string? StacItemId, IReadOnlyDictionary<string, string> Assets, string? ComputedBy, bool ResultPublished)
{
    /// <summary>A product just requested.</summary>
    public static ProductState Requested(ProductRequest request) => new(
        request.SceneId, request.Product, request.Version, ProductStates.Pending, null, 0, null,
        new Dictionary<string, string>(), null, false);

    /// <summary>True when nothing is left to do: final and announced.</summary>
    public bool IsDone => ProductStates.IsFinal(Status) && ResultPublished;

    /// <summary>The result event this state announces.</summary>
    public ProductResult ToResult() => new(SceneId, Product, Version, Status, Reason, StacItemId, Assets, Computations, ComputedBy);
}
