namespace Actors.Abstractions;

/// <summary>Names of the products the system can make; they are also the STAC collection ids of the outputs.</summary>
public static class ProductNames
{
    /// <summary>Water mask from NDWI thresholded with Otsu's method.</summary>
    public const string WaterBodies = "water-bodies";

    /// <summary>Normalized difference vegetation index.</summary>
    public const string Ndvi = "ndvi";

    /// <summary>Every product, in the order they are fanned out by default.</summary>
    public static readonly IReadOnlyList<string> All = [WaterBodies, Ndvi];
}
