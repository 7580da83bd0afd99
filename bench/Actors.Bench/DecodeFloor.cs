using System.Diagnostics;
using Actors.Raster;

namespace Actors.Bench;

/// <summary>
/// The floor no processor can beat: GDAL decoding the input bands, on all cores, in the same strips
/// our processors use, and nothing else.
/// </summary>
public static class DecodeFloor
{
    public static double Run(IReadOnlyList<string> bandPaths)
    {
        var clock = Stopwatch.StartNew();
        var reader = new ParallelBandReader(bandPaths);
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
