using System.Numerics;
using System.Runtime.CompilerServices;

namespace Actors.OpenEo.Execution.Callbacks;

/// <summary>An element-wise operation of two float32 operands, as a SIMD vector and as a scalar (for the tail).</summary>
internal interface IBinaryKernel
{
    static abstract Vector<float> Apply(Vector<float> a, Vector<float> b);
    static abstract float Apply(float a, float b);
}

/// <summary>An element-wise operation of one float32 operand.</summary>
internal interface IUnaryKernel
{
    static abstract Vector<float> Apply(Vector<float> a);
    static abstract float Apply(float a);
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
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= destination.Length - Vector<float>.Count; i += Vector<float>.Count)
                T.Apply(new Vector<float>(a[i..]), new Vector<float>(b[i..])).CopyTo(destination[i..]);
        for (; i < destination.Length; i++) destination[i] = T.Apply(a[i], b[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unary<T>(ReadOnlySpan<float> a, Span<float> destination) where T : IUnaryKernel
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= destination.Length - Vector<float>.Count; i += Vector<float>.Count)
                T.Apply(new Vector<float>(a[i..])).CopyTo(destination[i..]);
        for (; i < destination.Length; i++) destination[i] = T.Apply(a[i]);
    }

    /// <summary>All ones where the value is not NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> Valid(Vector<float> v) => Vector.Equals(v, v);

    /// <summary>1 where <paramref name="condition"/> holds, else 0; NaN where either operand is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Boolean(Vector<int> condition, Vector<float> a, Vector<float> b) =>
        Vector.ConditionalSelect(Valid(a) & Valid(b), Vector.ConditionalSelect(condition, One, Vector<float>.Zero), NaN);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Boolean(bool condition, float a, float b) =>
        float.IsNaN(a) || float.IsNaN(b) ? float.NaN : condition ? 1f : 0f;

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
    public static float Apply(float a, float b) => a + b;
}

internal readonly struct SubtractKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => a - b;
    public static float Apply(float a, float b) => a - b;
}

internal readonly struct MultiplyKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => a * b;
    public static float Apply(float a, float b) => a * b;
}

internal readonly struct DivideKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => a / b;
    public static float Apply(float a, float b) => a / b;
}

internal readonly struct NormalizedDifferenceKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => (a - b) / (a + b);
    public static float Apply(float a, float b) => (a - b) / (a + b);
}

internal readonly struct PowerKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b)
    {
        // No SIMD pow in the BCL; the lanes go through MathF.
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        for (var i = 0; i < lanes.Length; i++) lanes[i] = Apply(a[i], b[i]);
        return new Vector<float>(lanes);
    }

    public static float Apply(float a, float b) => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : MathF.Pow(a, b);
}

internal readonly struct LogKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        for (var i = 0; i < lanes.Length; i++) lanes[i] = Apply(a[i], b[i]);
        return new Vector<float>(lanes);
    }

    public static float Apply(float a, float b) => (float)(Math.Log(a) / Math.Log(b));
}

internal readonly struct EqKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(Vector.Equals(a, b), a, b);
    public static float Apply(float a, float b) => Kernels.Boolean(a == b, a, b);
}

internal readonly struct NeqKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(~Vector.Equals(a, b), a, b);
    public static float Apply(float a, float b) => Kernels.Boolean(a != b, a, b);
}

internal readonly struct GtKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(Vector.GreaterThan(a, b), a, b);
    public static float Apply(float a, float b) => Kernels.Boolean(a > b, a, b);
}

internal readonly struct GteKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(Vector.GreaterThanOrEqual(a, b), a, b);
    public static float Apply(float a, float b) => Kernels.Boolean(a >= b, a, b);
}

internal readonly struct LtKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(Vector.LessThan(a, b), a, b);
    public static float Apply(float a, float b) => Kernels.Boolean(a < b, a, b);
}

internal readonly struct LteKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(Vector.LessThanOrEqual(a, b), a, b);
    public static float Apply(float a, float b) => Kernels.Boolean(a <= b, a, b);
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

    public static float Apply(float a, float b) => a == 0 || b == 0 ? 0 : float.IsNaN(a) || float.IsNaN(b) ? float.NaN : 1;
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

    public static float Apply(float a, float b) =>
        (!float.IsNaN(a) && a != 0) || (!float.IsNaN(b) && b != 0) ? 1 : float.IsNaN(a) || float.IsNaN(b) ? float.NaN : 0;
}

/// <summary>openEO <c>xor</c>: no-data whenever an operand is no-data.</summary>
internal readonly struct XorKernel : IBinaryKernel
{
    public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Kernels.Boolean(Kernels.False(a) ^ Kernels.False(b), a, b);
    public static float Apply(float a, float b) => Kernels.Boolean((a == 0) != (b == 0), a, b);
}

internal readonly struct NotKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Kernels.Boolean(Kernels.False(a), a, a);
    public static float Apply(float a) => Kernels.Boolean(a == 0, a, a);
}

internal readonly struct AbsoluteKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Vector.Abs(a);
    public static float Apply(float a) => MathF.Abs(a);
}

internal readonly struct SqrtKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Vector.SquareRoot(a);
    public static float Apply(float a) => MathF.Sqrt(a);
}

internal readonly struct ExpKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Vector.Exp(a);
    public static float Apply(float a) => MathF.Exp(a);
}

internal readonly struct LnKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Vector.Log(a);
    public static float Apply(float a) => MathF.Log(a);
}

/// <summary>1 where the value is NaN, the cube's no-data value (so <c>is_nan</c> and <c>is_nodata</c> coincide on cubes).</summary>
internal readonly struct IsNanKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Vector.ConditionalSelect(Kernels.Valid(a), Vector<float>.Zero, Kernels.One);
    public static float Apply(float a) => float.IsNaN(a) ? 1 : 0;
}

/// <summary>1 where the value is neither no-data nor infinite.</summary>
internal readonly struct IsValidKernel : IUnaryKernel
{
    public static Vector<float> Apply(Vector<float> a) => Vector.ConditionalSelect(Kernels.Valid(a - a), Kernels.One, Vector<float>.Zero);
    public static float Apply(float a) => float.IsFinite(a) ? 1 : 0;
}
