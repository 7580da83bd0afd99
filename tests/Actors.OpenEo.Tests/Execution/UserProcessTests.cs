using System.Text.Json.Nodes;
using Actors.OpenEo.Execution;

namespace Actors.OpenEo.Tests.Execution;

/// <summary>User-defined processes: called from the top level with a cube, and from inside a callback.</summary>
public sealed class UserProcessTests(SceneCollection scenes) : IClassFixture<SceneCollection>, IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "openeo-engine-udp-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    private sealed class Store(params JsonObject[] processes) : IUserProcessSource
    {
        public JsonObject? Find(string id) => processes.FirstOrDefault(p => p["id"]?.GetValue<string>() == id);
    }

    [Fact]
    public async Task User_processes_run_at_the_top_level_and_inside_callbacks_with_their_parameter_defaults()
    {
        // scaled_nd(x, y, factor = 100): normalized_difference × factor, a callback-level process.
        var scaled = JsonNode.Parse("""
            {"id": "scaled_nd", "parameters": [{"name": "x"}, {"name": "y"}, {"name": "factor", "optional": true, "default": 100}],
             "process_graph": {
               "nd": {"process_id": "normalized_difference", "arguments": {"x": {"from_parameter": "x"}, "y": {"from_parameter": "y"}}},
               "m": {"process_id": "multiply", "arguments": {"x": {"from_node": "nd"}, "y": {"from_parameter": "factor"}}, "result": true}}}
            """)!.AsObject();
        // ndvi_cube(data, offset = 1): a cube-level process reducing the bands with scaled_nd, plus its own parameter, which
        // the reducer (a callback inside it) refers to.
        var cube = JsonNode.Parse("""
            {"id": "ndvi_cube", "parameters": [{"name": "data"}, {"name": "offset", "optional": true, "default": 1}],
             "process_graph": {
               "r": {"process_id": "reduce_dimension", "arguments": {"data": {"from_parameter": "data"}, "dimension": "bands", "reducer": {"process_graph": {
                 "nir": {"process_id": "array_element", "arguments": {"data": {"from_parameter": "data"}, "label": "nir"}},
                 "red": {"process_id": "array_element", "arguments": {"data": {"from_parameter": "data"}, "label": "red"}},
                 "s": {"process_id": "scaled_nd", "arguments": {"x": {"from_node": "nir"}, "y": {"from_node": "red"}}},
                 "o": {"process_id": "add", "arguments": {"x": {"from_node": "s"}, "y": {"from_parameter": "offset"}}, "result": true}}}}, "result": true}}}
            """)!.AsObject();
        var graph = Graphs.Fill("""
            {
              "load": @0@,
              "ndvi": {"process_id": "ndvi_cube", "arguments": {"data": {"from_node": "load"}}},
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "ndvi"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(temporalExtent: "[\"2025-06-01\", \"2025-06-02\"]"));

        var result = await new ProcessGraphExecutor().ExecuteAsync(
            new ExecutionRequest(Graphs.Process(graph), scenes.Reader(), new Store(scaled, cube), _output), CancellationToken.None);

        var values = SceneCollection.ReadResult(Assert.Single(result.Files).Path);
        var nir = SceneCollection.ReadAll(scenes.Scenes[0].BandPaths["nir"], out _, out _);
        var red = SceneCollection.ReadAll(scenes.Scenes[0].BandPaths["red"], out _, out _);
        for (var i = 0; i < values.Length; i++)
        {
            var expected = nir[i] == 0 || red[i] == 0 ? double.NaN : 100.0 * (nir[i] - red[i]) / (nir[i] + red[i]) + 1;
            Assert.True(double.IsNaN(expected) ? float.IsNaN(values[i]) : Math.Abs(expected - values[i]) < 1e-4, $"pixel {i}: expected {expected}, got {values[i]}");
        }
    }
}
