namespace Actors.Raster.Algorithms;

/// <summary>
/// Otsu's threshold exactly as scikit-image's <c>threshold_otsu</c> defines it: a 256-bin histogram over
/// [min, max] of the values, bin centers, and the argmax of the between-class variance computed from
/// cumulative weights and means. Pixels strictly above the threshold are foreground.
/// </summary>
public static class OtsuThreshold
{
    /// <summary>Number of histogram bins scikit-image uses by default.</summary>
    public const int Bins = 256;

    /// <summary>The threshold of the finite values of <paramref name="values"/>.</summary>
    /// <exception cref="InvalidOperationException">There are no finite values.</exception>
    public static double FromValues(ReadOnlySpan<float> values)
    {
        var (min, max) = FiniteRange(values);
        var histogram = new long[Bins];
        foreach (var v in values)
            if (float.IsFinite(v)) histogram[BinOf(v, min, max)]++;
        return FromHistogram(histogram, min, max);
    }

    /// <summary>Min and max of the finite values.</summary>
    public static (double Min, double Max) FiniteRange(ReadOnlySpan<float> values)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (min > max) throw new InvalidOperationException("Otsu's threshold needs at least one finite value; all are nodata.");
        return (min, max);
    }

    /// <summary>
    /// The bin of <paramref name="value"/> in a <see cref="Bins"/>-bin histogram over [min, max], as numpy's
    /// <c>histogram</c> assigns it (the last bin includes max).
    /// </summary>
    public static int BinOf(double value, double min, double max)
    {
        if (max <= min) return 0;
        var bin = (int)((value - min) * Bins / (max - min));
        return bin >= Bins ? Bins - 1 : bin < 0 ? 0 : bin;
    }

    /// <summary>The center of bin <paramref name="bin"/> of a histogram over [min, max].</summary>
    public static double BinCenter(int bin, double min, double max)
    {
        var width = (max - min) / Bins;
        return min + width * bin + width / 2;
    }

    /// <summary>The threshold from a <see cref="Bins"/>-bin histogram over [min, max].</summary>
    public static double FromHistogram(ReadOnlySpan<long> histogram, double min, double max)
    {
        if (histogram.Length != Bins) throw new ArgumentException($"Expected {Bins} bins.", nameof(histogram));
        // scikit-image returns the value itself when the image has a single intensity.
        if (max <= min) return min;
        return BinCenter(BestSplit(histogram, min, max), min, max);
    }

    /// <summary>The index i maximising weight1[i]·weight2[i+1]·(mean1[i] − mean2[i+1])², first one on ties.</summary>
    public static int BestSplit(ReadOnlySpan<long> histogram, double min, double max)
    {
        var n = histogram.Length;
        Span<double> weight1 = stackalloc double[n];
        Span<double> mean1 = stackalloc double[n];
        Span<double> weight2 = stackalloc double[n];
        Span<double> mean2 = stackalloc double[n];
        double w = 0, m = 0;
        for (var i = 0; i < n; i++)
        {
            w += histogram[i];
            m += histogram[i] * BinCenter(i, min, max);
            weight1[i] = w;
            mean1[i] = m / w;
        }
        w = 0;
        m = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            w += histogram[i];
            m += histogram[i] * BinCenter(i, min, max);
            weight2[i] = w;
            mean2[i] = m / w;
        }
        var best = 0;
        var bestVariance = double.NegativeInfinity;
        for (var i = 0; i < n - 1; i++)
        {
            var d = mean1[i] - mean2[i + 1];
            var variance = weight1[i] * weight2[i + 1] * d * d;
            // numpy's argmax skips NaN only by accident of comparison; an empty side gives NaN and never wins here.
            if (variance > bestVariance)
            {
                bestVariance = variance;
                best = i;
            }
        }
        return best;
    }
}
