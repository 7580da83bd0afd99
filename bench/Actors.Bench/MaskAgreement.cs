using Actors.Raster;

namespace Actors.Bench;

/// <summary>Pixel agreement of two water masks (1 water, 0 land, 255 nodata), read strip by strip.</summary>
public static class MaskAgreement
{
    public static (long Agree, long Compared) Compare(string ours, string theirs)
    {
        using var a = RasterDataset.Open(ours);
        using var b = RasterDataset.Open(theirs);
        if (a.Width != b.Width || a.Height != b.Height)
            throw new InvalidOperationException($"Masks differ in size: {a.Width}x{a.Height} vs {b.Width}x{b.Height}.");
        const int rows = 512;
        var bufferA = new byte[a.Width * rows];
        var bufferB = new byte[a.Width * rows];
        long agree = 0, compared = 0;
        for (var row = 0; row < a.Height; row += rows)
        {
            var n = Math.Min(rows, a.Height - row);
            a.Read<byte>(1, 0, row, a.Width, n, bufferA);
            b.Read<byte>(1, 0, row, a.Width, n, bufferB);
            for (var i = 0; i < a.Width * n; i++)
            {
                if (bufferA[i] == 255 && bufferB[i] == 255) continue;
                compared++;
                if (bufferA[i] == bufferB[i]) agree++;
            }
        }
        return (agree, compared);
    }
}
