using Actors.OpenEo.Cubes;
using Actors.Raster;

namespace Actors.OpenEo.Results;

/// <summary>
/// Writes cube planes as an 8-bit PNG: one band as grey, three (or more: the first three) as RGB, each
/// stretched from the data's minimum to maximum over 1..255; no-data is transparent.
/// </summary>
internal static class PngResultWriter
{
    /// <summary>Writes <paramref name="planes"/> (one per band) to <paramref name="path"/>.</summary>
    public static void Write(string path, CubeGrid grid, IReadOnlyList<float[]> planes, CancellationToken cancellationToken)
    {
        var colours = planes.Count >= 3 ? planes.Take(3).ToList() : [planes[0]];
        var (min, max) = (float.PositiveInfinity, float.NegativeInfinity);
        foreach (var plane in colours)
            foreach (var v in plane)
                if (float.IsFinite(v))
                {
                    if (v < min) min = v;
                    if (v > max) max = v;
                }
        cancellationToken.ThrowIfCancellationRequested();
        var span = max > min ? max - min : 1;
        var alpha = new byte[grid.Pixels];
        var channels = colours.Select(_ => new byte[grid.Pixels]).ToList();
        for (var i = 0; i < grid.Pixels; i++)
        {
            var valid = true;
            for (var c = 0; c < colours.Count; c++)
            {
                var v = colours[c][i];
                if (!float.IsFinite(v)) { valid = false; continue; }
                channels[c][i] = (byte)(1 + Math.Round((v - min) / span * 254));
            }
            alpha[i] = valid ? (byte)255 : (byte)0;
        }
        cancellationToken.ThrowIfCancellationRequested();
        using var image = RasterDataset.CreateInMemory(grid.Width, grid.Height, channels.Count + 1, PixelType.Byte);
        image.GeoTransform = grid.GeoTransform;
        image.ProjectionWkt = grid.Wkt;
        for (var c = 0; c < channels.Count; c++)
        {
            image.Write<byte>(c + 1, 0, 0, grid.Width, grid.Height, channels[c]);
            image.SetColorInterpretation(c + 1, channels.Count == 1 ? 1 : 3 + c); // GCI_GrayIndex or Red, Green, Blue
        }
        image.Write<byte>(channels.Count + 1, 0, 0, grid.Width, grid.Height, alpha);
        image.SetColorInterpretation(channels.Count + 1, 6); // GCI_AlphaBand
        // Written aside and renamed, so a failed write never leaves a file that looks like a result.
        var partial = path + ".partial.png";
        try
        {
            image.CopyTo("PNG", partial, new Dictionary<string, string> { ["ZLEVEL"] = "1" });
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
            // GDAL keeps the georeference of a PNG in a side-car it writes next to the file.
            File.Delete(partial + ".aux.xml");
        }
    }
}
