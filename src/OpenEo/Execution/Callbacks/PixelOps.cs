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
        for (var i = 0; i < d.Length; i += Vector<float>.Count)
        {
            var (vx, vy) = (Kernels.Load(x, i), Kernels.Load(y, i));
            var within = Vector.LessThanOrEqual(Vector.Abs(vx - vy), vDelta);
            Kernels.Store(Kernels.Boolean(negate ? ~within : within, vx, vy), d, i);
        }
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
        for (var i = 0; i < d.Length; i += Vector<float>.Count)
            Kernels.Store(Vector.ConditionalSelect(Kernels.True(Kernels.Load(v, i)), Kernels.Load(a, i), Kernels.Load(r, i)), d, i);
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
        for (var i = 0; i < d.Length; i += Vector<float>.Count)
        {
            var v = Kernels.Load(s, i);
            var clipped = Vector.ConditionalSelect(Vector.LessThan(v, vMin), vMin, Vector.ConditionalSelect(Vector.GreaterThan(v, vMax), vMax, v));
            Kernels.Store(Vector.ConditionalSelect(Kernels.Valid(v), clipped, v), d, i);
        }
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
        for (var i = 0; i < d.Length; i += Vector<float>.Count)
        {
            var v = Kernels.Load(s, i);
            var clipped = Vector.ConditionalSelect(Vector.LessThan(v, vLo), vLo, Vector.ConditionalSelect(Vector.GreaterThan(v, vHi), vHi, v));
            Kernels.Store(Vector.ConditionalSelect(Kernels.Valid(v), (clipped - vInMin) * vFactor + vOutMin, v), d, i);
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
        var (vMin, vMax) = (new Vector<float>(min), new Vector<float>(max));
        for (var i = 0; i < d.Length; i += Vector<float>.Count)
        {
            var v = Kernels.Load(s, i);
            var inside = Vector.GreaterThanOrEqual(v, vMin) & (excludeMax ? Vector.LessThan(v, vMax) : Vector.LessThanOrEqual(v, vMax));
            Kernels.Store(Kernels.Boolean(inside, v, v), d, i);
        }
    }
}

/// <summary>Fills a register with a constant (for a result that is a constant).</summary>
internal sealed class CopyOp(int source, int destination) : PixelOp
{
    public override void Run(StripRegisters registers) => registers[source].CopyTo(registers[destination]);
}
