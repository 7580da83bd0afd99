using System.Numerics;
using System.Runtime.CompilerServices;

namespace Actors.OpenEo.Execution.Callbacks;

/// <summary>The reducers over an array of operands (one span each) that <c>reduce_dimension</c> and friends use.</summary>
internal enum Reducer
{
    Sum,
    Mean,
    Min,
    Max,
    Count,
    CountAll,
    CountTrue,
    First,
    Last,
    Variance,
    Sd,
    Median,
}

/// <summary>
/// Reduces n operand spans to one, pixel by pixel, as SIMD accumulations over the strip (the median
/// sorts each pixel's values). With <c>ignore_nodata</c> no-data (NaN) values are skipped and an all
/// no-data pixel gives no-data; without it any no-data value makes the result no-data.
/// </summary>
internal sealed class ReduceOp(Reducer reducer, int[] operands, bool ignoreNodata, int destination) : PixelOp
{
    public override void Run(StripRegisters registers)
    {
        var d = registers[destination];
        if (operands.Length == 0)
        {
            d.Fill(reducer is Reducer.Count or Reducer.CountAll or Reducer.CountTrue ? 0 : float.NaN);
            return;
        }
        switch (reducer)
        {
            case Reducer.Median: Median(registers, d); break;
            case Reducer.First or Reducer.Last: FirstOrLast(registers, d); break;
            case Reducer.CountAll: d.Fill(operands.Length); break;
            case Reducer.Variance or Reducer.Sd: Variance(registers, d); break;
            default: Accumulate(registers, d); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Accumulate(StripRegisters registers, Span<float> d)
    {
        for (var i = 0; i < d.Length; i += Vector<float>.Count)
    {
            var (sum, count, anyMissing) = (Vector<float>.Zero, Vector<float>.Zero, Vector<int>.Zero);
            var min = new Vector<float>(float.PositiveInfinity);
            var max = new Vector<float>(float.NegativeInfinity);
            foreach (var operand in operands)
            {
                var v = Kernels.Load(registers[operand], i);
                var valid = reducer switch
                {
                    Reducer.Count => Kernels.Valid(v - v),
                    Reducer.CountTrue => Kernels.True(v),
                    _ => Kernels.Valid(v),
                };
                anyMissing |= ~valid;
                count += Vector.ConditionalSelect(valid, Kernels.One, Vector<float>.Zero);
                switch (reducer)
                {
                    case Reducer.Sum or Reducer.Mean: sum += Vector.ConditionalSelect(valid, v, Vector<float>.Zero); break;
                    case Reducer.Min: min = Vector.Min(min, Vector.ConditionalSelect(valid, v, new Vector<float>(float.PositiveInfinity))); break;
                    case Reducer.Max: max = Vector.Max(max, Vector.ConditionalSelect(valid, v, new Vector<float>(float.NegativeInfinity))); break;
                }
            }
            var result = reducer switch
            {
                Reducer.Sum => sum,
                Reducer.Mean => sum / count,
                Reducer.Min => min,
                Reducer.Max => max,
                _ => count,
            };
            if (reducer is not (Reducer.Count or Reducer.CountTrue))
            {
                var missing = Vector.Equals(count, Vector<float>.Zero);
                if (!ignoreNodata) missing |= anyMissing;
                result = Vector.ConditionalSelect(missing, Kernels.NaN, result);
            }
            Kernels.Store(result, d, i);
        }
    }

    private void FirstOrLast(StripRegisters registers, Span<float> d)
    {
        var order = reducer == Reducer.First ? operands : operands.Reverse().ToArray();
        if (!ignoreNodata)
        {
            registers[order[0]].CopyTo(d);
            return;
        }
        d.Fill(float.NaN);
        foreach (var operand in order)
        {
            var s = registers[operand];
            for (var i = 0; i < d.Length; i += Vector<float>.Count)
            {
                var current = Kernels.Load(d, i);
                Kernels.Store(Vector.ConditionalSelect(Kernels.Valid(current), current, Kernels.Load(s, i)), d, i);
            }
        }
    }

    // Sample variance (n − 1) in two passes (mean, then squared deviations) for accuracy; fewer than two values give no-data.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Variance(StripRegisters registers, Span<float> d)
    {
        for (var i = 0; i < d.Length; i += Vector<float>.Count)
    {
            var (sum, count, anyMissing) = (Vector<float>.Zero, Vector<float>.Zero, Vector<int>.Zero);
            foreach (var operand in operands)
            {
                var v = Kernels.Load(registers[operand], i);
                var valid = Kernels.Valid(v);
                anyMissing |= ~valid;
                sum += Vector.ConditionalSelect(valid, v, Vector<float>.Zero);
                count += Vector.ConditionalSelect(valid, Kernels.One, Vector<float>.Zero);
            }
            var mean = sum / count;
            var squares = Vector<float>.Zero;
            foreach (var operand in operands)
            {
                var v = Kernels.Load(registers[operand], i);
                var deviation = v - mean;
                squares += Vector.ConditionalSelect(Kernels.Valid(v), deviation * deviation, Vector<float>.Zero);
            }
            var variance = squares / (count - Kernels.One);
            if (reducer == Reducer.Sd) variance = Vector.SquareRoot(variance);
            var missing = Vector.LessThan(count, new Vector<float>(2));
            if (!ignoreNodata) missing |= anyMissing;
            Kernels.Store(Vector.ConditionalSelect(missing, Kernels.NaN, variance), d, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Median(StripRegisters registers, Span<float> d)
    {
        Span<float> values = operands.Length <= 256 ? stackalloc float[operands.Length] : new float[operands.Length];
        for (var i = 0; i < d.Length; i++)
        {
            var (count, anyMissing) = (0, false);
            foreach (var operand in operands)
            {
                var v = registers[operand][i];
                if (float.IsNaN(v)) anyMissing = true;
                else values[count++] = v;
            }
            if (count == 0 || (!ignoreNodata && anyMissing)) { d[i] = float.NaN; continue; }
            var sorted = values[..count];
            sorted.Sort();
            d[i] = count % 2 == 1 ? sorted[count / 2] : (float)(((double)sorted[count / 2 - 1] + sorted[count / 2]) / 2);
        }
    }
}
