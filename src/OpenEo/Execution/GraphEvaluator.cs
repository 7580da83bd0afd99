using System.Text.Json.Nodes;
using Actors.OpenEo.Cubes;
using Actors.OpenEo.Execution.Callbacks;

namespace Actors.OpenEo.Execution;

/// <summary>
/// Evaluates the top level of a process graph: every node without dependents (the result node and
/// any other end node, such as a second <c>save_result</c>), each node once, its arguments first.
/// </summary>
internal sealed class GraphEvaluator(RunContext run)
{
    private int _depth;

    /// <summary>Evaluates <paramref name="processGraph"/>; returns the result node's value.</summary>
    public async Task<object?> RunAsync(JsonObject processGraph, IReadOnlyDictionary<string, object?> parameters, bool countProgress = true)
    {
        var nodes = GraphValues.Nodes(processGraph);
        if (countProgress) run.NodeCount = nodes.Count;
        var pending = new Dictionary<string, Task<object?>>();
        var result = GraphValues.ResultNode(processGraph);
        // How many nodes still need each node's value: a cube nobody needs any more is let go, so a long graph holds
        // the planes of the nodes in flight, not of every node it ran.
        var uses = nodes.Keys.ToDictionary(k => k, _ => 0);
        foreach (var used in nodes.Values.SelectMany(DependsOn)) uses[used] = uses.GetValueOrDefault(used) + 1;

        Task<object?> Evaluate(string id)
        {
            if (pending.TryGetValue(id, out var task)) return task;
            if (!nodes.TryGetValue(id, out var node)) throw new OpenEoException("ProcessGraphInvalid", $"The process graph has no node '{id}'.");
            return pending[id] = EvaluateNode(id, node);
        }

        async Task<object?> EvaluateNode(string id, JsonObject node)
        {
            var processId = GraphValues.ProcessId(node, id);
            var references = new Dictionary<JsonObject, object?>(ReferenceEqualityComparer.Instance);
            // Dependencies first (sequentially: each node already uses every core).
            foreach (var reference in References(GraphValues.Arguments(node)))
                references[reference] = reference["from_node"] is { } from
                    ? await Evaluate(from.GetValue<string>()).ConfigureAwait(false)
                    : parameters.TryGetValue(reference["from_parameter"]!.GetValue<string>(), out var p) ? p
                    : throw new OpenEoException("ProcessParameterRequired", $"Node '{id}' refers to the parameter '{reference["from_parameter"]}', which has no value.");
            var arguments = GraphValues.Arguments(node).ToDictionary(kv => kv.Key, kv => GraphValues.Convert(kv.Value, r => references[r], parameters));
            run.CancellationToken.ThrowIfCancellationRequested();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var value = await Process(processId, arguments, id).ConfigureAwait(false);
            run.Log("debug", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Node '{id}' ({processId}) took {clock.Elapsed.TotalSeconds:0.000} s."));
            if (countProgress)
            {
                run.NodesDone++;
                run.Progress(0);
            }
            foreach (var used in DependsOn(node))
                if (--uses[used] == 0 && used != result)
                    pending[used] = Task.FromResult<object?>(null);
            return value;
        }

        foreach (var end in nodes.Keys.Where(k => uses.GetValueOrDefault(k) == 0 && k != result))
            await Evaluate(end).ConfigureAwait(false);
        return await Evaluate(result).ConfigureAwait(false);
    }

    // The nodes a node takes values from, each once.
    private static IEnumerable<string> DependsOn(JsonObject node) =>
        References(GraphValues.Arguments(node)).Select(r => r["from_node"]?.GetValue<string>()).OfType<string>().Distinct();

    // References in the arguments, not inside callbacks (those are the callback's own).
    private static IEnumerable<JsonObject> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when o.ContainsKey("from_node") || o.ContainsKey("from_parameter"):
                yield return o;
                break;
            case JsonObject o when o.ContainsKey("process_graph"):
                break;
            case JsonObject o:
                foreach (var kv in o)
                    foreach (var r in References(kv.Value)) yield return r;
                break;
            case JsonArray a:
                foreach (var item in a)
                    foreach (var r in References(item)) yield return r;
                break;
        }
    }

    private async Task<object?> Process(string processId, Dictionary<string, object?> a, string node)
    {
        object? Arg(string name) => a.GetValueOrDefault(name);
        switch (processId)
        {
            case "load_collection":
                return await CollectionLoader.LoadAsync(a, run).ConfigureAwait(false);
            case "save_result":
            {
                var format = Arg("format") as string ?? throw new OpenEoException("ProcessParameterRequired", "save_result: format is required.");
                await Saving.SaveAsync(Cube(Arg("data"), processId), format, run).ConfigureAwait(false);
                return true;
            }
            case "reduce_dimension":
                return await OnPool(() => CubeOperations.ReduceDimension(Cube(Arg("data"), processId), Callback(Arg("reducer"), processId, "reducer"),
                    Arg("dimension") as string ?? throw new OpenEoException("ProcessParameterRequired", "reduce_dimension: dimension is required."), Arg("context"), run));
            case "apply":
                return await OnPool(() => CubeOperations.Apply(Cube(Arg("data"), processId), Callback(Arg("process"), processId, "process"), Arg("context"), run));
            case "ndvi":
                return await OnPool(() => CubeOperations.Ndvi(Cube(Arg("data"), processId), Arg("nir") as string ?? "nir", Arg("red") as string ?? "red", Arg("target_band") as string, run));
            case "filter_bands":
            {
                if (Arg("bands") is not List<object?> bands || bands.Count == 0)
                    throw new OpenEoException("BandFilterParameterMissing", "filter_bands: give the bands to keep (wavelengths are not supported).");
                return CubeOperations.FilterBands(Cube(Arg("data"), processId), bands.Select(b => b as string ?? "").ToList());
            }
            case "filter_temporal":
            {
                var cube = Cube(Arg("data"), processId);
                if (Arg("dimension") is string dimension && dimension != cube.TimeDimension)
                    throw new OpenEoException("DimensionNotAvailable", $"filter_temporal: the cube has no temporal dimension '{dimension}'.");
                var (start, end) = GraphValues.TemporalExtent(Arg("extent"), processId);
                return CubeOperations.FilterTemporal(cube, start, end);
            }
            case "filter_bbox":
                return CubeOperations.FilterBbox(Cube(Arg("data"), processId),
                    CollectionLoader.SpatialExtent(Arg("extent")) ?? throw new OpenEoException("ProcessParameterRequired", "filter_bbox: extent is required."));
            case "mask":
                return await OnPool(() => CubeOperations.Mask(Cube(Arg("data"), processId), Cube(Arg("mask"), processId), Arg("replacement"), run));
            case "merge_cubes":
                return await OnPool(() => CubeOperations.Merge(Cube(Arg("cube1"), processId), Cube(Arg("cube2"), processId),
                    Arg("overlap_resolver") is null ? null : Callback(Arg("overlap_resolver"), processId, "overlap_resolver"), Arg("context"), run));
            case "resample_spatial":
                return await OnPool(() => CubeOperations.ResampleSpatial(Cube(Arg("data"), processId), Arg("resolution"), Arg("projection"),
                    Arg("method") as string ?? "near", run));
        }
        if (run.Request.UserProcesses?.Find(processId) is { } definition) return await UserProcessAsync(processId, definition, a).ConfigureAwait(false);
        if (a.Values.Any(v => v is RasterCube))
            throw new OpenEoException("ProcessUnsupported", $"Process '{processId}' (node '{node}') cannot take a data cube here; use it inside apply or reduce_dimension.");
        return Scalar(processId, a);
    }

    // A scalar process outside a callback (all arguments constant): compiled like a callback, run on one pixel.
    private object? Scalar(string processId, Dictionary<string, object?> arguments)
    {
        var graph = new JsonObject
        {
            ["node"] = new JsonObject
            {
                ["process_id"] = processId,
                ["arguments"] = new JsonObject(arguments.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
                ["result"] = true,
            },
        };
        var value = CallbackCompiler.Compile(graph, new Dictionary<string, object?>(), 0, run.Request.UserProcesses).RunScalar();
        return float.IsNaN(value) ? null : (double)value;
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        List<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        Dictionary<string, object?> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
        CallbackGraph c => new JsonObject { ["process_graph"] = c.ProcessGraph.DeepClone() },
        _ => throw new OpenEoException("ProcessParameterInvalid", $"Cannot pass {GraphValues.Describe(value)} here."),
    };

    private async Task<object?> UserProcessAsync(string processId, JsonObject definition, Dictionary<string, object?> arguments)
    {
        try
        {
            var (graph, parameters) = UserProcessCall.Bind(processId, definition, arguments, ++_depth);
            return await RunAsync(graph, parameters, countProgress: false).ConfigureAwait(false);
        }
        finally
        {
            _depth--;
        }
    }

    private Task<RasterCube> OnPool(Func<RasterCube> work) => Task.Run(work, run.CancellationToken);

    private static RasterCube Cube(object? value, string process) => value as RasterCube
        ?? throw new OpenEoException("ProcessParameterInvalid", $"{process}: expected a data cube, got {GraphValues.Describe(value)}.");

    private static CallbackGraph Callback(object? value, string process, string parameter) => value as CallbackGraph
        ?? throw new OpenEoException("ProcessParameterInvalid", $"{process}: {parameter} must be a process graph.");
}
