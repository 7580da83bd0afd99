using System.Numerics;
using System.Runtime.CompilerServices;

namespace Actors.OpenEo.Execution.Callbacks;

/// <summary>The registers of one strip: a span of the strip's length per register.</summary>
internal sealed class StripRegisters(int count)
{
    private readonly float[][] _arrays = new float[count][];
    private readonly int[] _offsets = new int[count];

    /// <summary>Pixels in the current strip.</summary>
    public int Length { get; set; }

    /// <summary>Points register <paramref name="register"/> at <paramref name="array"/> from <paramref name="offset"/>.</summary>
    public void Bind(int register, float[] array, int offset)
    {
        _arrays[register] = array;
        _offsets[register] = offset;
    }

    /// <summary>The register's span for this strip.</summary>
    public Span<float> this[int register] => _arrays[register].AsSpan(_offsets[register], Length);
}

/// <summary>One instruction of a compiled callback: a kernel over whole strip spans.</summary>
internal abstract class PixelOp
{
    /// <summary>Runs over the current strip.</summary>
    public abstract void Run(StripRegisters registers);
}

internal sealed class BinaryOp<T>(int a, int b, int destination) : PixelOp where T : IBinaryKernel
{
    public override void Run(StripRegisters registers) => Kernels.Binary<T>(registers[a], registers[b], registers[destination]);
}

internal sealed class UnaryOp<T>(int a, int destination) : PixelOp where T : IUnaryKernel
{
    public override void Run(StripRegisters registers) => Kernels.Unary<T>(registers[a], registers[destination]);
}

/// <summary><c>eq</c>/<c>neq</c> with a <c>delta</c>: |x − y| ≤ delta.</summary>
internal sealed class WithinDeltaOp(int a, int b, float delta, bool negate, int destination) : PixelOp
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(StripRegisters registers)
    {
        var x = registers[a];
        var y = registers[b];
        var d = registers[destination];
        var vDelta = new Vector<float>(delta);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= d.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var (vx, vy) = (new Vector<float>(x[i..]), new Vector<float>(y[i..]));
                var within = Vector.LessThanOrEqual(Vector.Abs(vx - vy), vDelta);
                Kernels.Boolean(negate ? ~within : within, vx, vy).CopyTo(d[i..]);
            }
        for (; i < d.Length; i++) d[i] = Kernels.Boolean((MathF.Abs(x[i] - y[i]) <= delta) != negate, x[i], y[i]);
    }
}

/// <summary><c>if</c>: accept where the value is true, reject elsewhere (false or no-data).</summary>
internal sealed class SelectOp(int value, int accept, int reject, int destination) : PixelOp
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(StripRegisters registers)
    {
        var v = registers[value];
        var a = registers[accept];
        var r = registers[reject];
        var d = registers[destination];
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= d.Length - Vector<float>.Count; i += Vector<float>.Count)
                Vector.ConditionalSelect(Kernels.True(new Vector<float>(v[i..])), new Vector<float>(a[i..]), new Vector<float>(r[i..])).CopyTo(d[i..]);
        for (; i < d.Length; i++) d[i] = !float.IsNaN(v[i]) && v[i] != 0 ? a[i] : r[i];
    }
}

/// <summary><c>clip</c>: no-data passes through.</summary>
internal sealed class ClipOp(int x, float min, float max, int destination) : PixelOp
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(StripRegisters registers)
    {
        var s = registers[x];
        var d = registers[destination];
        var (vMin, vMax) = (new Vector<float>(min), new Vector<float>(max));
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= d.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(s[i..]);
                var clipped = Vector.ConditionalSelect(Vector.LessThan(v, vMin), vMin, Vector.ConditionalSelect(Vector.GreaterThan(v, vMax), vMax, v));
                Vector.ConditionalSelect(Kernels.Valid(v), clipped, v).CopyTo(d[i..]);
            }
        for (; i < d.Length; i++) d[i] = float.IsNaN(s[i]) ? s[i] : s[i] < min ? min : s[i] > max ? max : s[i];
    }
}

/// <summary><c>linear_scale_range</c>: clip to the input range, then map linearly; no-data passes through.</summary>
internal sealed class LinearScaleOp(int x, float inputMin, float inputMax, float outputMin, float outputMax, int destination) : PixelOp
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(StripRegisters registers)
    {
        var s = registers[x];
        var d = registers[destination];
        var lo = Math.Min(inputMin, inputMax);
        var hi = Math.Max(inputMin, inputMax);
        var (vLo, vHi, vInMin) = (new Vector<float>(lo), new Vector<float>(hi), new Vector<float>(inputMin));
        var (vOutMin, vFactor) = (new Vector<float>(outputMin), new Vector<float>((outputMax - outputMin) / (inputMax - inputMin)));
        var factor = (outputMax - outputMin) / (inputMax - inputMin);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= d.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(s[i..]);
                var clipped = Vector.ConditionalSelect(Vector.LessThan(v, vLo), vLo, Vector.ConditionalSelect(Vector.GreaterThan(v, vHi), vHi, v));
                Vector.ConditionalSelect(Kernels.Valid(v), (clipped - vInMin) * vFactor + vOutMin, v).CopyTo(d[i..]);
            }
        for (; i < d.Length; i++)
        {
            var v = s[i];
            d[i] = float.IsNaN(v) ? v : (Math.Clamp(v, lo, hi) - inputMin) * factor + outputMin;
        }
    }
}

/// <summary><c>between</c>: min ≤ x ≤ max (or &lt; max); false when min &gt; max; no-data stays no-data.</summary>
internal sealed class BetweenOp(int x, float min, float max, bool excludeMax, int destination) : PixelOp
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(StripRegisters registers)
    {
        var s = registers[x];
        var d = registers[destination];
        for (var i = 0; i < d.Length; i++)
        {
            var v = s[i];
            d[i] = float.IsNaN(v) ? float.NaN : v >= min && (excludeMax ? v < max : v <= max) ? 1 : 0;
        }
    }
}

/// <summary>Fills a register with a constant (for a result that is a constant).</summary>
internal sealed class CopyOp(int source, int destination) : PixelOp
{
    public override void Run(StripRegisters registers) => registers[source].CopyTo(registers[destination]);
}
