namespace Actors.Abstractions.Messages;

/// <summary>Command to the product grain keyed by scene, product and version: make the product. Idempotent.</summary>
public sealed record ProcessProduct(string SceneId, string Product, string ProductVersion);

/// <summary>Result event: a product was made and registered.</summary>
/// <param name="SceneId">Source scene.</param>
/// <param name="Product">Product name (also its STAC collection).</param>
/// <param name="ProductVersion">Version of the processor that made it.</param>
/// <param name="StacItemId">Id of the product's STAC item.</param>
/// <param name="Assets">Asset key to href (e.g. <c>data</c>, <c>quicklook</c>).</param>
public sealed record ProductCompleted(
    string SceneId, string Product, string ProductVersion, string StacItemId, IReadOnlyDictionary<string, string> Assets);

/// <summary>Result event: a product could not be made; <paramref name="Reason"/> says why.</summary>
public sealed record ProductFailed(string SceneId, string Product, string ProductVersion, string Reason);

/// <summary>Event: a product's computation started (attempt <paramref name="Computation"/>).</summary>
public sealed record ProductStarted(string SceneId, string Product, string ProductVersion, int Computation);
