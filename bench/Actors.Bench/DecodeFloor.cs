using System.Diagnostics;
using Actors.Raster;
using Actors.Raster.Decode;

namespace Actors.Bench;

/// <summary>
/// The decode floor: GDAL decoding the input bands, on all cores, in the same strips our processors
/// use, and nothing else. With <see cref="BandDecoding.Auto"/> it times our own decode of the same strips
/// (DEFLATE blocks inflated directly), which our processors use where the inputs allow it.
/// </summary>
public static class DecodeFloor
{
    public static double Run(IReadOnlyList<string> bandPaths, BandDecoding decoding)
    {
        var clock = Stopwatch.StartNew();
        var reader = new ParallelBandReader(bandPaths, decoding);
        long checksum = 0;
        reader.ForEachStrip<ushort, long[]>(
            () => new long[1],
            (strip, sum) => sum[0] += strip.Band(0)[strip.Length / 2] + strip.Band(strip.Bands.Length - 1)[0],
            sum => Interlocked.Add(ref checksum, sum[0]),
            CancellationToken.None);
        GC.KeepAlive(checksum);
        return clock.Elapsed.TotalSeconds;
    }
}
