namespace Actors.Processing.Samples;

/// <summary>A generated scene on disk.</summary>
/// <param name="ItemPath">The STAC item (JSON) pointing at the bands.</param>
/// <param name="ItemId">The item id.</param>
/// <param name="BandPaths">eo:common_name to COG path.</param>
/// <param name="TruthMaskPath">uint8 GeoTIFF: 1 water, 0 land, 255 nodata.</param>
public sealed record SampleScene(string ItemPath, string ItemId, IReadOnlyDictionary<string, string> BandPaths, string TruthMaskPath);
