namespace Actors.OpenEo.Cubes;

/// <summary>
/// A raster data cube held as float32 planes on one grid, NaN standing for no data: one plane per
/// (time label, band label), time-major. A cube without a time or bands dimension has one label
/// there implicitly. Booleans are 1 and 0.
/// </summary>
/// <param name="Grid">The spatial grid of every plane.</param>
/// <param name="Times">Time labels, or null when the cube has no temporal dimension.</param>
/// <param name="Bands">Band labels, or null when the cube has no bands dimension.</param>
/// <param name="Planes">The planes, index = time × band count + band; each holds <see cref="CubeGrid.Pixels"/> values.</param>
/// <param name="TimeDimension">Name of the temporal dimension.</param>
/// <param name="BandDimension">Name of the bands dimension.</param>
public sealed record RasterCube(
    CubeGrid Grid, IReadOnlyList<DateTimeOffset>? Times, IReadOnlyList<string>? Bands, IReadOnlyList<float[]> Planes,
    string TimeDimension = "t", string BandDimension = "bands")
{
    /// <summary>Number of time labels (1 without a temporal dimension).</summary>
    public int TimeCount => Times?.Count ?? 1;

    /// <summary>Number of band labels (1 without a bands dimension).</summary>
    public int BandCount => Bands?.Count ?? 1;

    /// <summary>The plane of time <paramref name="time"/> and band <paramref name="band"/>.</summary>
    public float[] Plane(int time, int band) => Planes[time * BandCount + band];

    /// <summary>The names of the dimensions: x, y, then the temporal and bands ones when present.</summary>
    public IEnumerable<string> DimensionNames()
    {
        yield return "x";
        yield return "y";
        if (Times is not null) yield return TimeDimension;
        if (Bands is not null) yield return BandDimension;
    }
}
