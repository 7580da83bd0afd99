using Actors.Raster;

namespace Actors.EndToEnd.Tests.OpenEo.Jobs;

/// <summary>Pixels of a GeoTIFF as physical values (scale and offset applied), NaN where there is no data.</summary>
public sealed record Pixels(int Width, int Height, float[] Values)
{
    /// <summary>Reads band 1 of <paramref name="path"/>.</summary>
    public static Pixels Read(string path)
    {
        using var dataset = RasterDataset.Open(path);
        var values = new float[dataset.Width * dataset.Height];
        dataset.Read<float>(1, 0, 0, dataset.Width, dataset.Height, values);
        var noData = dataset.NoData();
        var scale = dataset.Scale() is var s && s != 0 ? s : 1;
        var offset = dataset.Offset();
        for (var i = 0; i < values.Length; i++)
            values[i] = noData is { } nd && values[i] == (float)nd ? float.NaN : (float)(values[i] * scale + offset);
        return new Pixels(dataset.Width, dataset.Height, values);
    }

    /// <summary>NDVI of two bands of the same grid, in double precision: the independent reference.</summary>
    public static Pixels Ndvi(Pixels red, Pixels nir)
    {
        var values = new float[red.Values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            double r = red.Values[i], n = nir.Values[i];
            values[i] = double.IsNaN(r) || double.IsNaN(n) || n + r == 0 ? float.NaN : (float)((n - r) / (n + r));
        }
        return new Pixels(red.Width, red.Height, values);
    }

    /// <summary>Fails unless both have the same size and agree within <paramref name="tolerance"/> wherever both have data; returns how many pixels were compared.</summary>
    public int AssertClose(Pixels expected, double tolerance, string what)
    {
        Assert.True(Width == expected.Width && Height == expected.Height, $"{what}: {Width}x{Height}, expected {expected.Width}x{expected.Height}");
        var compared = 0;
        for (var i = 0; i < Values.Length; i++)
        {
            if (float.IsNaN(expected.Values[i]) || float.IsNaN(Values[i])) continue;
            var difference = Math.Abs(Values[i] - expected.Values[i]);
            Assert.True(difference <= tolerance, $"{what}: pixel ({i % Width}, {i / Width}) is {Values[i]}, expected {expected.Values[i]}");
            compared++;
        }
        // Almost every pixel of the synthetic scenes has data: a result of nodata would prove nothing.
        Assert.True(compared > Values.Length * 9 / 10, $"{what}: only {compared} of {Values.Length} pixels have data in both");
        return compared;
    }
}
