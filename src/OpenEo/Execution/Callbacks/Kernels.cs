using System.Numerics;
using System.Runtime.CompilerServices;

namespace Actors.OpenEo.Execution.Callbacks;

/// <summary>An element-wise operation of two float32 operands on SIMD vectors.</summary>
internal interface IBinaryKernel
{
    static abstract Vector<float> Apply(Vector<float> a, Vector<float> b);
}

/// <summary>An element-wise operation of one float32 operand.</summary>
internal interface IUnaryKernel
{
    static abstract Vector<float> Apply(Vector<float> a);
}

/// <summary>
/// The loops that run a kernel over whole strip spans with <see cref="Vector{T}"/>. NaN is the no-data
/// value, booleans are 1 and 0. Destination may alias an operand: every element is read before it is written.
/// </summary>
internal static class Kernels
{
    public static readonly Vector<float> One = Vector<float>.One;
    public static readonly Vector<float> NaN = new(float.NaN);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Binary<T>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination) where T : IBinaryKernel
    {
        for (var i = 0; i < destination.Length; i += Vector<float>.Count)
            Store(T.Apply(Load(a, i), Load(b, i)), destination, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unary<T>(ReadOnlySpan<float> a, Span<float> destination) where T : IUnaryKernel
    {
        for (var i = 0; i < destination.Length; i += Vector<float>.Count)
            Store(T.Apply(Load(a, i)), destination, i);
    }

    /// <summary>
    /// The vector at <paramref name="index"/>; the strip's last, partial vector is padded with NaN, so the tail
    /// goes through the same SIMD arithmetic as the rest and every pixel gets the same result bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Load(ReadOnlySpan<float> source, int index)
    {
        if (index + Vector<float>.Count <= source.Length) return new Vector<float>(source[index..]);
        Span<float> padded = stackalloc float[Vector<float>.Count];
        padded.Fill(float.NaN);
        source[index..].CopyTo(padded);
        return new Vector<float>(padded);
    }

    /// <summary>Stores the vector at <paramref name="index"/>, only the lanes inside the span for the last, partial one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<float> value, Span<float> destination, int index)
    {
        if (index + Vector<float>.Count <= destination.Length)
        {
            value.CopyTo(destination[index..]);
            return;
        }
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        value.CopyTo(lanes);
        lanes[..(destination.Length - index)].CopyTo(destination[index..]);
    }

    /// <summary>All ones where the value is not NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> Valid(Vector<float> v) => Vector.Equals(v, v);

    /// <summary>1 where <paramref name="condition"/> holds, else 0; NaN where either operand is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Boolean(Vector<int> condition, Vector<float> a, Vector<float> b) =>
        Vector.ConditionalSelect(Valid(a) & Valid(b), Vector.ConditionalSelect(condition, One, Vector<float>.Zero), NaN);

    /// <summary>All ones where the value is true (non-zero and not NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> True(Vector<float> v) => Valid(v) & ~Vector.Equals(v, Vector<float>.Zero);

    /// <summary>All ones where the value is false (zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> False(Vector<float> v) => Vector.Equals(v, Vector<float>.Zero);
}

internal readonly struct AddKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => a + b;
}

internal readonly struct SubtractKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => a - b;
}

internal readonly struct MultiplyKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => a * b;
}

internal readonly struct DivideKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => a / b;
}

internal readonly struct NormalizedDifferenceKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => (a - b) / (a + b);
}

internal readonly struct PowerKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b)
    {
        // No SIMD pow in the BCL; the lanes go through MathF.
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        for (var i = 0; i < lanes.Length; i++) lanes[i] = Scalar(a[i], b[i]);
        return new Vector<float>(lanes);
    }

    private static float Scalar(float a, float b) => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : MathF.Pow(a, b);
}

internal readonly struct LogKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        for (var i = 0; i < lanes.Length; i++) lanes[i] = Scalar(a[i], b[i]);
        return new Vector<float>(lanes);
    }

    private static float Scalar(float a, float b) => (float)(Math.Log(a) / Math.Log(b));
}

internal readonly struct EqKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(Vector.Equals(a, b), a, b);
}

internal readonly struct NeqKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(~Vector.Equals(a, b), a, b);
}

internal readonly struct GtKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(Vector.GreaterThan(a, b), a, b);
}

internal readonly struct GteKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(Vector.GreaterThanOrEqual(a, b), a, b);
}

internal readonly struct LtKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(Vector.LessThan(a, b), a, b);
}

internal readonly struct LteKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(Vector.LessThanOrEqual(a, b), a, b);
}

/// <summary>openEO <c>and</c>: false wins over no-data, no-data over true.</summary>
internal readonly struct AndKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b)
    {
        var anyFalse = Kernels.False(a) | Kernels.False(b);
        var bothValid = Kernels.Valid(a) & Kernels.Valid(b);
        return Vector.ConditionalSelect(anyFalse, Vector<float>.Zero, Vector.ConditionalSelect(bothValid, Kernels.One, Kernels.NaN));
    }
}

/// <summary>openEO <c>or</c>: true wins over no-data, no-data over false.</summary>
internal readonly struct OrKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b)
    {
        var anyTrue = Kernels.True(a) | Kernels.True(b);
        var bothValid = Kernels.Valid(a) & Kernels.Valid(b);
        return Vector.ConditionalSelect(anyTrue, Kernels.One, Vector.ConditionalSelect(bothValid, Vector<float>.Zero, Kernels.NaN));
    }
}

/// <summary>openEO <c>xor</c>: no-data whenever an operand is no-data.</summary>
internal readonly struct XorKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(Kernels.False(a) ^ Kernels.False(b), a, b);
}

internal readonly struct NotKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Kernels.Boolean(Kernels.False(a), a, a);
}

internal readonly struct AbsoluteKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Vector.Abs(a);
}

internal readonly struct SqrtKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Vector.SquareRoot(a);
}

internal readonly struct ExpKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Vector.Exp(a);
}

internal readonly struct LnKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Vector.Log(a);
}

/// <summary>1 where the value is NaN, the cube's no-data value (so <c>is_nan</c> and <c>is_nodata</c> coincide on cubes).</summary>
internal readonly struct IsNanKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Vector.ConditionalSelect(Kernels.Valid(a), Vector<float>.Zero, Kernels.One);
}

/// <summary>1 where the value is neither no-data nor infinite.</summary>
internal readonly struct IsValidKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Vector.ConditionalSelect(Kernels.Valid(a - a), Kernels.One, Vector<float>.Zero);
}
