namespace Actors.Processing.Staging;

/// <summary>Crops a scene's bands to an AOI and writes them as local COGs (the activator's raster step).</summary>
public interface ISceneStager
{
    /// <summary>Stages the bands. Throws <see cref="ProcessingException"/> for user-facing failures.</summary>
    Task<StagedScene> StageAsync(StagingRequest request, CancellationToken cancellationToken);
}

/// <summary>What to stage.</summary>
/// <param name="BandSources">eo:common_name to the band's asset href (local path, file://, http(s):// or s3://), checked by the href policy before it is opened.</param>
/// <param name="Aoi">WGS84 <c>[w, s, e, n]</c> to crop to, or null for the whole scene.</param>
/// <param name="OutputDirectory">Where to write <c>{common_name}.tif</c>.</param>
public sealed record StagingRequest(IReadOnlyDictionary<string, string> BandSources, double[]? Aoi, string OutputDirectory);

/// <summary>The staged bands: common name to local COG path, all on one grid.</summary>
public sealed record StagedScene(IReadOnlyDictionary<string, string> BandFiles, RasterFootprint Footprint);
