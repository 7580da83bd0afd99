namespace Actors.Abstractions.Api;

/// <summary>Lifecycle states of a scene grain.</summary>
public static class SceneStates
{
    /// <summary>Accepted, staging not started.</summary>
    public const string Accepted = "accepted";
    /// <summary>Bands being cropped and stored.</summary>
    public const string Staging = "staging";
    /// <summary>Bands stored, item registered, products fanned out.</summary>
    public const string Staged = "staged";
    /// <summary>Staging failed; see the reason.</summary>
    public const string Failed = "failed";
}

/// <summary>Lifecycle states of a product grain.</summary>
public static class ProductStates
{
    /// <summary>Requested, not started.</summary>
    public const string Pending = "pending";
    /// <summary>Being computed.</summary>
    public const string Running = "running";
    /// <summary>Done, stored and registered.</summary>
    public const string Completed = "completed";
    /// <summary>Failed; see the reason.</summary>
    public const string Failed = "failed";

    /// <summary>True for a state no further work changes.</summary>
    public static bool IsFinal(string state) => state is Completed or Failed;
}

/// <summary>Answer of <c>GET /api/scenes/{id}</c>.</summary>
/// <param name="SceneId">Scene grain key.</param>
/// <param name="ItemId">Source STAC item id.</param>
/// <param name="State">One of <see cref="SceneStates"/>.</param>
/// <param name="Reason">Why it failed, when it did.</param>
/// <param name="StacItemUrl">API URL of the staged scene's STAC item, once staged.</param>
/// <param name="Products">Each requested product's status.</param>
/// <param name="UpdatedAt">When the scene's state last changed.</param>
[GenerateSerializer, Immutable]
public sealed record SceneStatus(
    string SceneId, string ItemId, string State, string? Reason, string? StacItemUrl,
    IReadOnlyList<ProductStatus> Products, DateTimeOffset UpdatedAt)
{
    /// <summary>True when the scene and all of its products reached a final state.</summary>
    public bool IsFinished => State == SceneStates.Failed
        || (State == SceneStates.Staged && Products.All(p => ProductStates.IsFinal(p.State)));

    /// <summary>True when the scene or any product failed.</summary>
    public bool HasFailures => State == SceneStates.Failed || Products.Any(p => p.State == ProductStates.Failed);
}

/// <summary>Status of one product of a scene.</summary>
/// <param name="Product">Product name.</param>
/// <param name="Version">Processor version.</param>
/// <param name="State">One of <see cref="ProductStates"/>.</param>
/// <param name="Reason">Why it failed, when it did.</param>
/// <param name="StacItemUrl">API URL of the product's STAC item, once completed.</param>
/// <param name="Assets">Asset key to href (COG, quicklook), once completed.</param>
/// <param name="Computations">How many times the computation was started (1 unless a crash interrupted it).</param>
/// <param name="ComputedBy">Name of the silo that ran the latest computation, if any.</param>
[GenerateSerializer, Immutable]
public sealed record ProductStatus(
    string Product, string Version, string State, string? Reason, string? StacItemUrl,
    IReadOnlyDictionary<string, string> Assets, int Computations, string? ComputedBy = null);
