namespace Actors.Raster;

/// <summary>Small RGBA PNG previews of products.</summary>
public static class Quicklook
{
    /// <summary>Longest side of a quicklook, in pixels.</summary>
    public const int MaxSize = 512;

    /// <summary>
    /// Reads band 1 of <paramref name="source"/> at quicklook size (GDAL uses the COG's overviews, so this
    /// costs a few tiles, not the whole raster), colours it with <paramref name="colour"/> and writes a PNG.
    /// </summary>
    public static void Write<T>(RasterDataset source, string pngPath, Func<T, uint> colour) where T : unmanaged
    {
        var scale = Math.Min(1.0, (double)MaxSize / Math.Max(source.Width, source.Height));
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        var values = new T[width * height];
        source.ReadResampled<T>(1, 0, 0, source.Width, source.Height, values, width, height);

        var channels = Colour(values, colour);
        using var image = RasterDataset.CreateInMemory(width, height, 4, PixelType.Byte);
        for (var c = 0; c < 4; c++)
        {
            image.Write<byte>(c + 1, 0, 0, width, height, channels[c]);
            image.SetColorInterpretation(c + 1, 3 + c); // GCI_RedBand, Green, Blue, Alpha
        }
        // zlib level 1: a noisy index quicklook compresses 4x faster than at the default 6, for a slightly larger file.
        image.CopyTo("PNG", pngPath, new Dictionary<string, string> { ["ZLEVEL"] = "1" });
    }

    // Runs once per product over a quarter million pixels: tier-0 code would take longer than the PNG encoding.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static byte[][] Colour<T>(T[] values, Func<T, uint> colour) where T : unmanaged
    {
        var channels = new byte[4][];
        for (var c = 0; c < 4; c++) channels[c] = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var rgba = colour(values[i]);
            channels[0][i] = (byte)(rgba >> 24);
            channels[1][i] = (byte)(rgba >> 16);
            channels[2][i] = (byte)(rgba >> 8);
            channels[3][i] = (byte)rgba;
        }
        return channels;
    }
}
