namespace Actors.Raster.Decode;

/// <summary>How <see cref="ParallelBandReader"/> decodes band blocks.</summary>
public enum BandDecoding
{
    /// <summary>Local DEFLATE or Zstandard uint16 GeoTIFFs are decoded directly (<see cref="DirectBlockReader"/>); everything else through GDAL.</summary>
    Auto,

    /// <summary>Everything through GDAL's RasterIO (the benchmark's decode floor, and the reference in tests).</summary>
    Gdal,
}
