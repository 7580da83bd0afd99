namespace Actors.Abstractions.Products;

/// <summary>What a product grain makes: one product, of one processor version, from one staged scene.</summary>
/// <param name="SceneId">The staged scene.</param>
/// <param name="Product">Product name.</param>
/// <param name="Version">Processor version.</param>
[GenerateSerializer, Immutable]
public sealed record ProductRequest(string SceneId, string Product, string Version)
{
    /// <summary>The product grain's key.</summary>
    public string GrainKey => GrainKeys.Product(SceneId, Product, Version);
}
