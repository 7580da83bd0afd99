using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    // Runs a few hundred times per raster: unoptimized tier-0 code would crawl through the pixels until on-stack replacement.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Halve(ReadOnlySpan<T> source, int sourceWidth, int sourceRows, Span<T> target)
    {
        var width = (sourceWidth + 1) / 2;
        for (var y = 0; y < (sourceRows + 1) / 2; y++)
        {
            var row = source.Slice(2 * y * sourceWidth, sourceWidth);
            var outRow = target.Slice(y * width, width);
            var x = 0;
            if (typeof(T) == typeof(byte) && Vector.IsHardwareAccelerated)
            {
                // Little-endian pairs of bytes read as ushort; narrowing keeps the low byte, the even pixel.
                var pairs = MemoryMarshal.Cast<byte, ushort>(MemoryMarshal.AsBytes(row));
                var bytes = MemoryMarshal.AsBytes(outRow);
                for (; x <= width - Vector<byte>.Count && 2 * x + 2 * Vector<byte>.Count <= sourceWidth; x += Vector<byte>.Count)
                    Vector.Narrow(new Vector<ushort>(pairs[x..]), new Vector<ushort>(pairs[(x + Vector<ushort>.Count)..])).CopyTo(bytes[x..]);
            }
            for (; x < width; x++) outRow[x] = row[2 * x];
        }
    }
}

/// <summary>Mean of the valid pixels of each block; nodata where none is valid. Right for continuous values.</summary>
internal sealed class AverageReducer(float noData) : IOverviewReducer<float>
{
    private static readonly Vector256<int> EvensThenOdds = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);

    // Runs a few hundred times per raster: unoptimized tier-0 code would crawl through the pixels until on-stack replacement.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Halve(ReadOnlySpan<float> source, int sourceWidth, int sourceRows, Span<float> target)
    {
        var width = (sourceWidth + 1) / 2;
        for (var y = 0; y < (sourceRows + 1) / 2; y++)
        {
            var y0 = 2 * y;
            var y1 = Math.Min(y0 + 1, sourceRows - 1);
            var top = source.Slice(y0 * sourceWidth, sourceWidth);
            var bottom = source.Slice(y1 * sourceWidth, sourceWidth);
            var outRow = target.Slice(y * width, width);
            var x = 0;
            if (Avx2.IsSupported && y1 != y0)
                for (; x <= width - 8 && 2 * x + 16 <= sourceWidth; x += 8)
                    Block(top.Slice(2 * x, 16), bottom.Slice(2 * x, 16)).CopyTo(outRow[x..]);
            for (; x < width; x++) outRow[x] = Scalar(top, bottom, y1 != y0, 2 * x, sourceWidth);
        }
    }

    // Adds in the scalar order (top-left, top-right, bottom-left, bottom-right) with invalid pixels as 0, so both paths agree to the bit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<float> Block(ReadOnlySpan<float> top, ReadOnlySpan<float> bottom)
    {
        var (topLeft, topRight) = Deinterleave(Vector256.Create(top), Vector256.Create(top[8..]));
        var (bottomLeft, bottomRight) = Deinterleave(Vector256.Create(bottom), Vector256.Create(bottom[8..]));
        var sum = Vector256<float>.Zero;
        var count = Vector256<float>.Zero;
        Add(topLeft);
        Add(topRight);
        Add(bottomLeft);
        Add(bottomRight);
        return Vector256.ConditionalSelect(Vector256.Equals(count, Vector256<float>.Zero), Vector256.Create(noData), sum / count);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        void Add(Vector256<float> v)
        {
            var valid = Vector256.Equals(v, v) & ~Vector256.Equals(v, Vector256.Create(noData));
            sum += v & valid;
            count += Vector256<float>.One & valid;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Evens, Vector256<float> Odds) Deinterleave(Vector256<float> a, Vector256<float> b)
    {
        var pa = Avx2.PermuteVar8x32(a, EvensThenOdds);
        var pb = Avx2.PermuteVar8x32(b, EvensThenOdds);
        return (Vector256.Create(pa.GetLower(), pb.GetLower()), Vector256.Create(pa.GetUpper(), pb.GetUpper()));
    }

    private float Scalar(ReadOnlySpan<float> top, ReadOnlySpan<float> bottom, bool hasBottom, int x0, int sourceWidth)
    {
        var x1 = Math.Min(x0 + 1, sourceWidth - 1);
        float sum = 0;
        var n = 0;
        Add(top[x0]);
        if (x1 != x0) Add(top[x1]);
        if (hasBottom)
        {
            Add(bottom[x0]);
            if (x1 != x0) Add(bottom[x1]);
        }
        return n == 0 ? noData : sum / n;

        void Add(float v)
        {
            if (v == noData || float.IsNaN(v)) return;
            sum += v;
            n++;
        }
    }
}

/// <summary>
/// Mean of the valid pixels of each block of int16 values, rounded half up; nodata where none is
/// valid. Right for scaled continuous values such as NDVI × 10,000.
/// </summary>
internal sealed class Int16AverageReducer(short noData) : IOverviewReducer<short>
{
    // Runs a few hundred times per raster: unoptimized tier-0 code would crawl through the pixels until on-stack replacement.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Halve(ReadOnlySpan<short> source, int sourceWidth, int sourceRows, Span<short> target)
    {
        var width = (sourceWidth + 1) / 2;
        for (var y = 0; y < (sourceRows + 1) / 2; y++)
        {
            var y0 = 2 * y;
            var y1 = Math.Min(y0 + 1, sourceRows - 1);
            var top = source.Slice(y0 * sourceWidth, sourceWidth);
            var bottom = source.Slice(y1 * sourceWidth, sourceWidth);
            var outRow = target.Slice(y * width, width);
            var x = 0;
            if (Vector.IsHardwareAccelerated && y1 != y0)
            {
                // A pixel pair read as one little-endian int32: the even pixel in the low half, the odd one in the high half.
                var topPairs = MemoryMarshal.Cast<short, int>(top[..(sourceWidth & ~1)]);
                var bottomPairs = MemoryMarshal.Cast<short, int>(bottom[..(sourceWidth & ~1)]);
                var step = 2 * Vector<int>.Count;
                for (; x <= topPairs.Length - step; x += step)
                    Vector.Narrow(Block(topPairs[x..], bottomPairs[x..]), Block(topPairs[(x + Vector<int>.Count)..], bottomPairs[(x + Vector<int>.Count)..]))
                        .CopyTo(outRow[x..]);
            }
            for (; x < width; x++) outRow[x] = Scalar(top, bottom, y1 != y0, 2 * x, sourceWidth);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector<int> Block(ReadOnlySpan<int> topPairs, ReadOnlySpan<int> bottomPairs)
    {
        var top = new Vector<int>(topPairs);
        var bottom = new Vector<int>(bottomPairs);
        var nd = new Vector<int>(noData);
        var sum = Vector<int>.Zero;
        var count = Vector<int>.Zero;
        Add(Vector.ShiftRightArithmetic(Vector.ShiftLeft(top, 16), 16), nd, ref sum, ref count);
        Add(Vector.ShiftRightArithmetic(top, 16), nd, ref sum, ref count);
        Add(Vector.ShiftRightArithmetic(Vector.ShiftLeft(bottom, 16), 16), nd, ref sum, ref count);
        Add(Vector.ShiftRightArithmetic(bottom, 16), nd, ref sum, ref count);
        var mean = Vector.Floor(Vector.ConvertToSingle(sum) / Vector.ConvertToSingle(count) + new Vector<float>(0.5f));
        return Vector.ConditionalSelect(Vector.Equals(count, Vector<int>.Zero), nd, Vector.ConvertToInt32(mean));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(Vector<int> v, Vector<int> noData, ref Vector<int> sum, ref Vector<int> count)
    {
        var valid = ~Vector.Equals(v, noData);
        sum += v & valid;
        count -= valid; // all ones is -1
    }

    private short Scalar(ReadOnlySpan<short> top, ReadOnlySpan<short> bottom, bool hasBottom, int x0, int sourceWidth)
    {
        var x1 = Math.Min(x0 + 1, sourceWidth - 1);
        var sum = 0;
        var n = 0;
        Add(top[x0]);
        if (x1 != x0) Add(top[x1]);
        if (hasBottom)
        {
            Add(bottom[x0]);
            if (x1 != x0) Add(bottom[x1]);
        }
        return n == 0 ? noData : (short)MathF.Floor((float)sum / n + 0.5f);

        void Add(short v)
        {
            if (v == noData) return;
            sum += v;
            n++;
        }
    }
}

/// <summary>
/// Mean of the valid pixels of each block, rounded half up; nodata (when there is one) where none is
/// valid. For uint16 reflectances, where an overview is only ever looked at.
/// </summary>
internal sealed class UInt16AverageReducer(ushort? noData) : IOverviewReducer<ushort>
{
    // Runs a few hundred times per raster: unoptimized tier-0 code would crawl through the pixels until on-stack replacement.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Halve(ReadOnlySpan<ushort> source, int sourceWidth, int sourceRows, Span<ushort> target)
    {
        var width = (sourceWidth + 1) / 2;
        var (checkNoData, nd) = (noData.HasValue, noData ?? 0);
        for (var y = 0; y < (sourceRows + 1) / 2; y++)
        {
            var top = source.Slice(2 * y * sourceWidth, sourceWidth);
            var bottom = source.Slice(Math.Min(2 * y + 1, sourceRows - 1) * sourceWidth, sourceWidth);
            var hasBottom = 2 * y + 1 < sourceRows;
            var outRow = target.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                var (x0, x1) = (2 * x, Math.Min(2 * x + 1, sourceWidth - 1));
                uint sum = 0, count = 0;
                Add(top[x0]);
                if (x1 != x0) Add(top[x1]);
                if (hasBottom)
                {
                    Add(bottom[x0]);
                    if (x1 != x0) Add(bottom[x1]);
                }
                outRow[x] = count == 0 ? nd : (ushort)((sum + count / 2) / count);

                void Add(ushort v)
                {
                    if (checkNoData && v == nd) return;
                    sum += v;
                    count++;
                }
            }
        }
    }
}
