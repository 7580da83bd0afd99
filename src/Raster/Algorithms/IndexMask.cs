using System.Numerics;
using System.Runtime.CompilerServices;

namespace Actors.Raster.Algorithms;

/// <summary>Classes <see cref="IndexQuantizer"/> codes against a threshold: the last step of a thresholded index.</summary>
public static class IndexMask
{
    /// <summary>
    /// The smallest code whose value is above <paramref name="threshold"/>: codes increase with their
    /// value, so "value &gt; threshold" is "code &gt;= this", one integer comparison per pixel.
    /// </summary>
    public static int FirstCodeAbove(double threshold)
    {
        var code = 1;
        while (code < IndexQuantizer.Codes && IndexQuantizer.Decode(code) <= threshold) code++;
        return code;
    }

    /// <summary>
    /// Writes <paramref name="above"/> where a code is at least <paramref name="firstAbove"/>,
    /// <paramref name="below"/> where it is less, and <paramref name="noData"/> for <see cref="IndexQuantizer.NoData"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Classify(ReadOnlySpan<ushort> codes, int firstAbove, Span<byte> mask, byte below, byte above, byte noData)
    {
        if (mask.Length < codes.Length) throw new ArgumentException("The mask must be as long as the codes.", nameof(mask));
        var i = 0;
        if (Vector.IsHardwareAccelerated && firstAbove < IndexQuantizer.Codes)
        {
            var threshold = new Vector<ushort>((ushort)firstAbove);
            var (vBelow, vAbove, vNoData) = (new Vector<ushort>(below), new Vector<ushort>(above), new Vector<ushort>(noData));
            var step = 2 * Vector<ushort>.Count;
            for (; i <= codes.Length - step; i += step)
            {
                var first = Class(new Vector<ushort>(codes[i..]));
                var second = Class(new Vector<ushort>(codes[(i + Vector<ushort>.Count)..]));
                Vector.Narrow(first, second).CopyTo(mask[i..]);
            }

            Vector<ushort> Class(Vector<ushort> code) =>
                Vector.ConditionalSelect(Vector.Equals(code, Vector<ushort>.Zero), vNoData,
                    Vector.ConditionalSelect(Vector.GreaterThanOrEqual(code, threshold), vAbove, vBelow));
        }
        for (; i < codes.Length; i++)
            mask[i] = codes[i] == IndexQuantizer.NoData ? noData : codes[i] >= firstAbove ? above : below;
    }
}
