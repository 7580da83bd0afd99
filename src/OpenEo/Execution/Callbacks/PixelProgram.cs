using Actors.Raster;

namespace Actors.OpenEo.Execution.Callbacks;

/// <summary>A register of a compiled callback, holding one float32 per pixel of a strip.</summary>
/// <param name="Register">Register number.</param>
internal sealed record PixelValue(int Register);

/// <summary>An array of per-pixel values known at compile time (the <c>data</c> of a reducer), with optional labels.</summary>
/// <param name="Items">Each item: a <see cref="PixelValue"/> or a constant.</param>
/// <param name="Labels">Labels of the items, or null.</param>
internal sealed record PixelArray(IReadOnlyList<object?> Items, IReadOnlyList<string>? Labels);

/// <summary>One evaluation of a program: its input planes and the plane it writes.</summary>
/// <param name="Inputs">One plane per input register, all of the same length.</param>
/// <param name="Output">Where the result goes.</param>
internal sealed record PixelJob(IReadOnlyList<float[]> Inputs, float[] Output);

/// <summary>
/// A callback compiled once into a list of SIMD kernels over span registers. Registers
/// below the input count are the inputs; the others are constants (filled once per worker) and
/// temporaries (a strip-sized buffer per worker). Runs strip by strip on one worker per core.
/// </summary>
internal sealed class PixelProgram(int inputCount, int registerCount, IReadOnlyList<(int Register, float Value)> constants,
    IReadOnlyList<PixelOp> ops, int result)
{
    /// <summary>Pixels per strip: small enough that a strip's registers stay in cache, large enough to amortize the dispatch.</summary>
    public const int StripPixels = 16384;

    /// <summary>Runs every job over <paramref name="pixels"/> pixels, checking <paramref name="cancellationToken"/> before each strip.</summary>
    public void Run(IReadOnlyList<PixelJob> jobs, int pixels, CancellationToken cancellationToken, Action? stripDone = null)
    {
        if (jobs.Count == 0 || pixels == 0) return;
        var strips = (pixels + StripPixels - 1) / StripPixels;
        var stripLength = Math.Min(StripPixels, pixels);
        StripWorkers.Run(jobs.Count * strips, () => CreateWorker(stripLength), (index, registers) =>
        {
            var job = jobs[index / strips];
            var offset = index % strips * StripPixels;
            registers.Length = Math.Min(StripPixels, pixels - offset);
            for (var i = 0; i < inputCount; i++) registers.Bind(i, job.Inputs[i], offset);
            foreach (var op in ops) op.Run(registers);
            registers[result].CopyTo(job.Output.AsSpan(offset, registers.Length));
            stripDone?.Invoke();
        }, _ => { }, cancellationToken);
    }

    private StripRegisters CreateWorker(int stripLength)
    {
        var registers = new StripRegisters(registerCount);
        var constant = constants.ToDictionary(c => c.Register, c => c.Value);
        for (var r = inputCount; r < registerCount; r++)
        {
            var buffer = new float[stripLength];
            if (constant.TryGetValue(r, out var value)) Array.Fill(buffer, value);
            registers.Bind(r, buffer, 0);
        }
        return registers;
    }

    /// <summary>Evaluates a program without inputs on one pixel (constant expressions).</summary>
    public float RunScalar()
    {
        var output = new float[1];
        Run([new PixelJob([], output)], 1, CancellationToken.None);
        return output[0];
    }
}

/// <summary>Allocates registers and collects instructions while a callback compiles.</summary>
internal sealed class PixelProgramBuilder(int inputCount)
{
    private readonly int _inputCount = inputCount;
    private readonly List<(int, float)> _constants = [];
    private readonly Dictionary<int, int> _constantRegisters = [];
    private readonly List<PixelOp> _ops = [];
    private int _next = inputCount;

    /// <summary>A register holding <paramref name="value"/> (shared between uses of the same value).</summary>
    public PixelValue Constant(float value)
    {
        var key = BitConverter.SingleToInt32Bits(value);
        if (!_constantRegisters.TryGetValue(key, out var register))
        {
            register = _next++;
            _constantRegisters[key] = register;
            _constants.Add((register, value));
        }
        return new PixelValue(register);
    }

    /// <summary>A fresh temporary register.</summary>
    public PixelValue Temporary() => new(_next++);

    /// <summary>Appends an instruction.</summary>
    public void Emit(PixelOp op) => _ops.Add(op);

    /// <summary>The program whose result is <paramref name="result"/>.</summary>
    public PixelProgram Build(PixelValue result) => new(_inputCount, _next, _constants, _ops, result.Register);
}
