using Actors.Abstractions.Security;
using Actors.Abstractions.Api;
using Orleans.Concurrency;

namespace Actors.Abstractions.Products;

/// <summary>
/// A processor, keyed by scene + product + version (<see cref="GrainKeys.Product"/>): makes its product once,
/// stores COG and quicklook, registers the STAC item and publishes a <see cref="ProductResult"/> on the
/// <c>results</c> stream of its scene.
/// </summary>
public interface IProductGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes on the work and answers at once, before computing: the request is durable when this returns
    /// (state and reminder written). A request for a completed product costs a state read.
    /// </summary>
    Task<ProductStatus> RequestAsync(ProductRequest request);

    /// <summary>
    /// The scene could not be staged: records the product as failed with <paramref name="reason"/> (unless it
    /// already ended) and announces it like any other result.
    /// </summary>
    Task<ProductStatus> FailAsync(ProductRequest request, string reason);

    /// <summary>The product's status; answers while it computes.</summary>
    [AlwaysInterleave]
    [RequiresRole(Roles.Reader)]
    Task<ProductStatus?> GetStatusAsync();
}
