using System.Text.Json.Nodes;

namespace Actors.OpenEo.Execution.Callbacks;

/// <summary>
/// Compiles a callback (the process graph of a reducer, an <c>apply</c> process, an overlap resolver)
/// once into a <see cref="PixelProgram"/>: each node becomes SIMD kernels over strip registers, arrays
/// known at compile time (a reducer's <c>data</c>) become reductions over their items' registers, and
/// constants are folded into constant registers. Nothing is interpreted per pixel.
/// </summary>
internal sealed class CallbackCompiler
{
    private readonly PixelProgramBuilder _builder;
    private readonly IUserProcessSource? _userProcesses;
    private int _depth;

    private CallbackCompiler(int inputCount, IUserProcessSource? userProcesses)
    {
        _builder = new PixelProgramBuilder(inputCount);
        _userProcesses = userProcesses;
    }

    /// <summary>
    /// Compiles <paramref name="processGraph"/> with its parameters bound to <paramref name="parameters"/>
    /// (<see cref="PixelValue"/>s of the inputs, <see cref="PixelArray"/>s, constants).
    /// </summary>
    /// <exception cref="OpenEoException">A process or argument the engine cannot run per pixel.</exception>
    public static PixelProgram Compile(JsonObject processGraph, IReadOnlyDictionary<string, object?> parameters, int inputCount, IUserProcessSource? userProcesses)
    {
        var compiler = new CallbackCompiler(inputCount, userProcesses);
        var result = compiler.Graph(processGraph, parameters);
        return compiler._builder.Build(compiler.AsPixel(result, "the callback's result"));
    }

    private object? Graph(JsonObject processGraph, IReadOnlyDictionary<string, object?> parameters)
    {
        var nodes = GraphValues.Nodes(processGraph);
        var values = new Dictionary<string, object?>();
        object? Evaluate(string id)
        {
            if (values.TryGetValue(id, out var known)) return known;
            if (!nodes.TryGetValue(id, out var node)) throw new OpenEoException("ProcessGraphInvalid", $"The callback has no node '{id}'.");
            var processId = GraphValues.ProcessId(node, id);
            var arguments = GraphValues.Arguments(node).ToDictionary(kv => kv.Key, kv => GraphValues.Convert(kv.Value, reference =>
                reference["from_node"] is { } from ? Evaluate(from.GetValue<string>())
                : parameters.TryGetValue(reference["from_parameter"]!.GetValue<string>(), out var p) ? p
                : throw new OpenEoException("ProcessParameterRequired", $"The callback's node '{id}' refers to the unknown parameter '{reference["from_parameter"]}'."), parameters));
            return values[id] = Process(processId, arguments, id);
        }
        return Evaluate(GraphValues.ResultNode(processGraph));
    }

    private object? Process(string processId, Dictionary<string, object?> a, string node)
    {
        object? Arg(string name) => a.GetValueOrDefault(name);
        switch (processId)
        {
            case "add": return Binary<AddKernel>(Arg("x"), Arg("y"), processId);
            case "subtract": return Binary<SubtractKernel>(Arg("x"), Arg("y"), processId);
            case "multiply": return Binary<MultiplyKernel>(Arg("x"), Arg("y"), processId);
            case "divide": return Binary<DivideKernel>(Arg("x"), Arg("y"), processId);
            case "power": return Binary<PowerKernel>(Arg("base"), Arg("p"), processId);
            case "log": return Binary<LogKernel>(Arg("x"), Arg("base"), processId);
            case "normalized_difference": return Binary<NormalizedDifferenceKernel>(Arg("x"), Arg("y"), processId);
            case "eq" or "neq": return Equality(a, processId);
            // Pixels are numbers; a constant operand of another type makes the comparison false, as the definitions say.
            case "gt" or "gte" or "lt" or "lte" when NotANumber(Arg("x")) || NotANumber(Arg("y")): return false;
            case "gt": return Binary<GtKernel>(Arg("x"), Arg("y"), processId);
            case "gte": return Binary<GteKernel>(Arg("x"), Arg("y"), processId);
            case "lt": return Binary<LtKernel>(Arg("x"), Arg("y"), processId);
            case "lte": return Binary<LteKernel>(Arg("x"), Arg("y"), processId);
            case "and": return Binary<AndKernel>(Arg("x"), Arg("y"), processId);
            case "or": return Binary<OrKernel>(Arg("x"), Arg("y"), processId);
            case "xor": return Binary<XorKernel>(Arg("x"), Arg("y"), processId);
            case "not": return Unary<NotKernel>(Arg("x"), processId);
            case "absolute": return Unary<AbsoluteKernel>(Arg("x"), processId);
            case "sqrt": return Unary<SqrtKernel>(Arg("x"), processId);
            case "exp": return Unary<ExpKernel>(Arg("p"), processId);
            case "ln": return Unary<LnKernel>(Arg("x"), processId);
            case "is_nan" or "is_nodata": return Unary<IsNanKernel>(Arg("x"), processId);
            case "is_valid": return Unary<IsValidKernel>(Arg("x"), processId);
            case "if":
            {
                var d = _builder.Temporary();
                _builder.Emit(new SelectOp(AsPixel(Arg("value"), processId).Register, AsPixel(Arg("accept"), processId).Register,
                    AsPixel(Arg("reject"), processId).Register, d.Register));
                return d;
            }
            case "clip":
            {
                var (min, max) = (Constant(Arg("min"), processId, "min"), Constant(Arg("max"), processId, "max"));
                if (max < min) throw new OpenEoException("MinMaxSwapped", "clip: the maximum value is smaller than the minimum value.");
                var d = _builder.Temporary();
                _builder.Emit(new ClipOp(AsPixel(Arg("x"), processId).Register, min, max, d.Register));
                return d;
            }
            case "linear_scale_range":
            {
                var d = _builder.Temporary();
                _builder.Emit(new LinearScaleOp(AsPixel(Arg("x"), processId).Register,
                    Constant(Arg("inputMin"), processId, "inputMin"), Constant(Arg("inputMax"), processId, "inputMax"),
                    a.ContainsKey("outputMin") ? Constant(Arg("outputMin"), processId, "outputMin") : 0f,
                    a.ContainsKey("outputMax") ? Constant(Arg("outputMax"), processId, "outputMax") : 1f, d.Register));
                return d;
            }
            case "between" when NotANumber(Arg("x")): return false;
            case "between":
            {
                var d = _builder.Temporary();
                _builder.Emit(new BetweenOp(AsPixel(Arg("x"), processId).Register, Constant(Arg("min"), processId, "min"),
                    Constant(Arg("max"), processId, "max"), GraphValues.Boolean(Arg("exclude_max"), false, processId, "exclude_max"), d.Register));
                return d;
            }
            case "array_element": return ArrayElement(a);
            case "mean": return Reduce(Reducer.Mean, a, processId);
            case "median": return Reduce(Reducer.Median, a, processId);
            case "max": return Reduce(Reducer.Max, a, processId);
            case "min": return Reduce(Reducer.Min, a, processId);
            case "sum": return Reduce(Reducer.Sum, a, processId);
            case "sd": return Reduce(Reducer.Sd, a, processId);
            case "variance": return Reduce(Reducer.Variance, a, processId);
            case "first": return Reduce(Reducer.First, a, processId);
            case "last": return Reduce(Reducer.Last, a, processId);
            case "count":
                return Arg("condition") switch
                {
                    null => Reduce(Reducer.Count, a, processId),
                    true => Reduce(Reducer.CountAll, a, processId),
                    CallbackGraph condition => CountWhere(condition, a),
                    _ => throw new OpenEoException("ProcessParameterInvalid", "count: the condition must be null, true or a process graph."),
                };
            default: return UserProcess(processId, a, node);
        }
    }

    private object? UserProcess(string processId, Dictionary<string, object?> arguments, string node)
    {
        var definition = _userProcesses?.Find(processId)
            ?? throw new OpenEoException("ProcessUnsupported", $"Process '{processId}' (node '{node}') is not supported inside a callback.");
        try
        {
            var (graph, parameters) = UserProcessCall.Bind(processId, definition, arguments, ++_depth);
            return Graph(graph, parameters);
        }
        finally
        {
            _depth--;
        }
    }

    private static bool NotANumber(object? value) => value is bool or string;

    // The condition compiles once per element (its parameter element bound to the element's register); the count is of the trues.
    private PixelValue CountWhere(CallbackGraph condition, Dictionary<string, object?> a)
    {
        var data = AsArray(a.GetValueOrDefault("data"), "count");
        var tests = data.Items.Select(item => AsPixel(Graph(condition.ProcessGraph, condition.Parameters(new Dictionary<string, object?>
        {
            ["element"] = item,
            ["context"] = a.GetValueOrDefault("context"),
        })), "count").Register).ToArray();
        var d = _builder.Temporary();
        _builder.Emit(new ReduceOp(Reducer.CountTrue, tests, true, d.Register));
        return d;
    }

    private PixelValue Binary<T>(object? x, object? y, string process) where T : IBinaryKernel
    {
        var d = _builder.Temporary();
        _builder.Emit(new BinaryOp<T>(AsPixel(x, process).Register, AsPixel(y, process).Register, d.Register));
        return d;
    }

    private PixelValue Unary<T>(object? x, string process) where T : IUnaryKernel
    {
        var d = _builder.Temporary();
        _builder.Emit(new UnaryOp<T>(AsPixel(x, process).Register, d.Register));
        return d;
    }

    private object? Equality(Dictionary<string, object?> a, string process)
    {
        var (x, y) = (a.GetValueOrDefault("x"), a.GetValueOrDefault("y"));
        var negate = process == "neq";
        // Strings and mixed types are decided at compile time: pixels are numbers, so a string never equals one.
        if (x is string || y is string || (x is bool) != (y is bool) && x is not PixelValue && y is not PixelValue && x is not null && y is not null)
        {
            if (x is null || y is null) return null;
            var equal = x is string sx && y is string sy
                ? string.Equals(sx, sy, GraphValues.Boolean(a.GetValueOrDefault("case_sensitive"), true, process, "case_sensitive") ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)
                : Equals(x, y);
            return equal != negate;
        }
        if (a.GetValueOrDefault("delta") is { } delta)
        {
            var d = _builder.Temporary();
            _builder.Emit(new WithinDeltaOp(AsPixel(x, process).Register, AsPixel(y, process).Register, Constant(delta, process, "delta"), negate, d.Register));
            return d;
        }
        return negate ? Binary<NeqKernel>(x, y, process) : Binary<EqKernel>(x, y, process);
    }

    private object? ArrayElement(Dictionary<string, object?> a)
    {
        var data = AsArray(a.GetValueOrDefault("data"), "array_element");
        var (index, label) = (a.GetValueOrDefault("index"), a.GetValueOrDefault("label"));
        if (index is null && label is null) throw new OpenEoException("ArrayElementParameterMissing", "array_element: either index or label must be given.");
        if (index is not null && label is not null) throw new OpenEoException("ArrayElementParameterConflict", "array_element: index and label must not both be given.");
        int position;
        if (index is not null)
        {
            var i = GraphValues.Number(index, "array_element", "index");
            position = i >= 0 && i < data.Items.Count && i == Math.Floor(i) ? (int)i : -1;
        }
        else
        {
            var wanted = label is double d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : label?.ToString();
            if (data.Labels is null) throw new OpenEoException("ArrayNotLabeled", "array_element: the array has no labels.");
            position = data.Labels.ToList().IndexOf(wanted!);
        }
        if (position >= 0) return data.Items[position];
        if (GraphValues.Boolean(a.GetValueOrDefault("return_nodata"), false, "array_element", "return_nodata")) return null;
        throw new OpenEoException("ArrayElementNotAvailable", $"array_element: the array has no element with {(index is not null ? $"index {index}" : $"label '{label}'")}.");
    }

    private PixelValue Reduce(Reducer reducer, Dictionary<string, object?> a, string process)
    {
        var data = AsArray(a.GetValueOrDefault("data"), process);
        var operands = data.Items.Select(item => AsPixel(item, process).Register).ToArray();
        var d = _builder.Temporary();
        _builder.Emit(new ReduceOp(reducer, operands, GraphValues.Boolean(a.GetValueOrDefault("ignore_nodata"), true, process, "ignore_nodata"), d.Register));
        return d;
    }

    private static PixelArray AsArray(object? value, string process) => value switch
    {
        PixelArray array => array,
        List<object?> list => new PixelArray(list, null),
        _ => throw new OpenEoException("ProcessParameterInvalid", $"{process}: data must be an array, not {GraphValues.Describe(value)}."),
    };

    private PixelValue AsPixel(object? value, string process) => value switch
    {
        PixelValue pixel => pixel,
        null => _builder.Constant(float.NaN),
        double d => _builder.Constant((float)d),
        bool b => _builder.Constant(b ? 1f : 0f),
        _ => throw new OpenEoException("ProcessParameterInvalid", $"{process}: expected a number or boolean per pixel, not {GraphValues.Describe(value)}."),
    };

    private static float Constant(object? value, string process, string parameter) => value switch
    {
        double d => (float)d,
        null => float.NaN,
        _ => throw new OpenEoException("ProcessParameterUnsupported", $"{process}: {parameter} must be a constant number here."),
    };
}
