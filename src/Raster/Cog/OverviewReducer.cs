namespace Actors.Raster.Cog;

/// <summary>How a 2 × 2 block of pixels becomes one overview pixel.</summary>
internal interface IOverviewReducer<T> where T : unmanaged
{
    /// <summary>
    /// Halves <paramref name="source"/> (sourceWidth × sourceRows, row-major) into <paramref name="target"/>
    /// (ceil halves); odd edges reduce from the pixels that exist.
    /// </summary>
    void Halve(ReadOnlySpan<T> source, int sourceWidth, int sourceRows, Span<T> target);
}

/// <summary>Nearest neighbour: the top-left pixel of each block. Right for classes and masks.</summary>
internal sealed class NearestReducer<T> : IOverviewReducer<T> where T : unmanaged
{
    public void Halve(ReadOnlySpan<T> source, int sourceWidth, int sourceRows, Span<T> target)
    {
        var width = (sourceWidth + 1) / 2;
        for (var y = 0; y < (sourceRows + 1) / 2; y++)
        {
            var row = source.Slice(2 * y * sourceWidth, sourceWidth);
            var outRow = target.Slice(y * width, width);
            for (var x = 0; x < width; x++) outRow[x] = row[2 * x];
        }
    }
}

/// <summary>Mean of the valid pixels of each block; nodata where none is valid. Right for continuous values.</summary>
internal sealed class AverageReducer(float noData) : IOverviewReducer<float>
{
    public void Halve(ReadOnlySpan<float> source, int sourceWidth, int sourceRows, Span<float> target)
    {
        var width = (sourceWidth + 1) / 2;
        for (var y = 0; y < (sourceRows + 1) / 2; y++)
        {
            var y0 = 2 * y;
            var y1 = Math.Min(y0 + 1, sourceRows - 1);
            for (var x = 0; x < width; x++)
            {
                var x0 = 2 * x;
                var x1 = Math.Min(x0 + 1, sourceWidth - 1);
                float sum = 0;
                var n = 0;
                Add(source[y0 * sourceWidth + x0]);
                if (x1 != x0) Add(source[y0 * sourceWidth + x1]);
                if (y1 != y0)
                {
                    Add(source[y1 * sourceWidth + x0]);
                    if (x1 != x0) Add(source[y1 * sourceWidth + x1]);
                }
                target[y * width + x] = n == 0 ? noData : sum / n;

                void Add(float v)
                {
                    if (v == noData || float.IsNaN(v)) return;
                    sum += v;
                    n++;
                }
            }
        }
    }
}
