using System.Text.Json.Nodes;
using Actors.OpenEo.Graphs;
using static Actors.OpenEo.Tests.Graphs.GraphValidation;

namespace Actors.OpenEo.Tests.Graphs;

public sealed class ProcessGraphValidatorTests
{
    private static JsonObject Changed(string process, Action<JsonObject> change)
    {
        var parsed = Parse(process);
        change(parsed["process_graph"]!.AsObject());
        return parsed;
    }

    private static GraphProblem Single(JsonObject process, string code, IUserProcessSource? userProcesses = null)
    {
        var problems = Validate(process, userProcesses);
        Assert.True(problems.Count == 1, string.Join(Environment.NewLine, problems.Select(p => $"{p.Code}: {p.Message}")));
        Assert.Equal(code, problems[0].Code);
        return problems[0];
    }

    private static JsonObject Node(JsonObject graph, string id) => graph[id]!.AsObject();

    private static JsonObject Arguments(JsonObject graph, string id) => Node(graph, id)["arguments"]!.AsObject();

    [Fact]
    public void An_ndvi_graph_is_valid() => AssertValid(Graphs.Ndvi);

    [Fact]
    public void An_ndvi_then_max_over_time_graph_is_valid() => AssertValid(Graphs.NdviThenMaxOverTime);

    [Fact]
    public void The_graph_the_js_client_builder_sends_is_valid() => AssertValid(Graphs.JsClientNdviMax);

    [Fact]
    public void The_js_client_graph_without_its_result_flag_is_ProcessGraphInvalid()
    {
        // What builder.toJSON() gives before the client marks the result node: not a valid process graph.
        var process = Changed(Graphs.JsClientNdviMax, g => Node(g, "savere1").Remove("result"));

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.Contains("no result node", problem.Message);
    }

    // ProcessGraphMissing

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"process_graph": null}""")]
    [InlineData("""{"parameters": [], "id": "ndvi_max"}""")]
    public void A_process_without_a_graph_is_ProcessGraphMissing(string process)
    {
        var problem = SingleProblem(process, ProblemCodes.ProcessGraphMissing);
        Assert.Contains("process_graph", problem.Message);
    }

    // ProcessGraphInvalid: structure

    [Theory]
    [InlineData("""{"process_graph": []}""")]
    [InlineData("""{"process_graph": "load_collection"}""")]
    [InlineData("""{"process_graph": {}}""")]
    public void A_graph_that_is_not_an_object_of_nodes_is_ProcessGraphInvalid(string process) =>
        SingleProblem(process, ProblemCodes.ProcessGraphInvalid);

    [Fact]
    public void A_node_that_is_not_an_object_is_ProcessGraphInvalid_and_named()
    {
        var process = Changed(Graphs.Ndvi, g => g["extra1"] = 42);

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.StartsWith("Node 'extra1' must be an object", problem.Message);
    }

    [Fact]
    public void A_node_without_process_id_is_ProcessGraphInvalid_and_named()
    {
        var process = Changed(Graphs.Ndvi, g => Node(g, "ndvi1").Remove("process_id"));

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.Equal("Node 'ndvi1' has no \"process_id\".", problem.Message);
    }

    [Fact]
    public void A_node_without_arguments_is_ProcessGraphInvalid_and_named()
    {
        var process = Changed(Graphs.Ndvi, g => Node(g, "ndvi1").Remove("arguments"));

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.StartsWith("Node 'ndvi1' has no \"arguments\"", problem.Message);
    }

    [Theory]
    [InlineData("\"ndvi-1\"")]
    [InlineData("7")]
    public void A_process_id_that_is_not_a_word_is_ProcessGraphInvalid(string processId)
    {
        var process = Changed(Graphs.Ndvi, g => Node(g, "ndvi1")["process_id"] = JsonNode.Parse(processId));

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.StartsWith("Node 'ndvi1'", problem.Message);
    }

    [Fact]
    public void A_graph_without_result_node_is_ProcessGraphInvalid()
    {
        var process = Changed(Graphs.Ndvi, g => Node(g, "save1").Remove("result"));

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.Contains("no result node", problem.Message);
    }

    [Fact]
    public void A_graph_with_two_result_nodes_is_ProcessGraphInvalid_naming_both()
    {
        var process = Changed(Graphs.Ndvi, g => Node(g, "ndvi1")["result"] = true);

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.Contains("2 result nodes ('ndvi1', 'save1')", problem.Message);
    }

    [Fact]
    public void A_callback_without_result_node_is_ProcessGraphInvalid_naming_the_node_it_belongs_to()
    {
        var process = Changed(Graphs.NdviThenMaxOverTime, g =>
            Arguments(g, "reducedimension2")["reducer"]!["process_graph"]!["max1"]!.AsObject().Remove("result"));

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.Equal(
            "The process graph in the 'reducer' callback of node 'reducedimension2' has no result node: mark exactly one node with \"result\": true.",
            problem.Message);
    }

    [Fact]
    public void A_non_boolean_result_flag_is_ProcessGraphInvalid()
    {
        var process = Changed(Graphs.Ndvi, g => Node(g, "ndvi1")["result"] = "yes");

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.StartsWith("Node 'ndvi1'", problem.Message);
    }

    // ProcessGraphInvalid: references

    [Fact]
    public void A_reference_to_a_missing_node_is_ProcessGraphInvalid_naming_both()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "ndvi1")["data"] = new JsonObject { ["from_node"] = "load2" });

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.Equal("Node 'ndvi1', argument 'data': refers to node 'load2', which is not in this process graph.", problem.Message);
    }

    [Fact]
    public void A_reference_from_a_callback_to_a_node_outside_it_is_ProcessGraphInvalid()
    {
        var process = Changed(Graphs.NdviThenMaxOverTime, g =>
            Arguments(g, "reducedimension2")["reducer"]!["process_graph"]!["max1"]!["arguments"]!["data"] = new JsonObject { ["from_node"] = "loadcollection1" });

        var problems = Validate(process);
        var problem = Assert.Single(problems, p => p.Code == ProblemCodes.ProcessGraphInvalid);
        Assert.StartsWith("Node 'max1' (in the 'reducer' callback of node 'reducedimension2'), argument 'data': refers to node 'loadcollection1' of an enclosing process graph", problem.Message);
    }

    [Fact]
    public void A_result_reference_with_other_keys_is_ProcessGraphInvalid()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "ndvi1")["data"] = new JsonObject { ["from_node"] = "load1", ["band"] = "red" });

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.StartsWith("Node 'ndvi1', argument 'data'", problem.Message);
    }

    [Fact]
    public void A_cycle_is_ProcessGraphInvalid_naming_the_nodes_on_it()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "load1")["id"] = new JsonObject { ["from_node"] = "ndvi1" });

        var problems = Validate(process);
        var cycle = Assert.Single(problems, p => p.Code == ProblemCodes.ProcessGraphInvalid);
        Assert.Contains("cycle through the nodes 'load1', 'ndvi1'", cycle.Message);
        Assert.DoesNotContain("save1", cycle.Message);
    }

    [Fact]
    public void A_node_fed_its_own_result_is_a_cycle()
    {
        const string process = """
            {"process_graph": {"a": {"process_id": "absolute", "arguments": {"x": {"from_node": "a"}}, "result": true}}}
            """;

        var problem = SingleProblem(process, ProblemCodes.ProcessGraphInvalid);
        Assert.Contains("cycle through the nodes 'a'", problem.Message);
    }

    [Fact]
    public void A_long_chain_of_nodes_is_validated_without_exhausting_the_stack()
    {
        var graph = new JsonObject { ["n0"] = new JsonObject { ["process_id"] = "add", ["arguments"] = new JsonObject { ["x"] = 1, ["y"] = 2 } } };
        const int length = 20_000;
        for (var i = 1; i < length; i++)
        {
            graph[$"n{i}"] = new JsonObject
            {
                ["process_id"] = "add",
                ["arguments"] = new JsonObject { ["x"] = new JsonObject { ["from_node"] = $"n{i - 1}" }, ["y"] = 1 },
            };
        }

        graph[$"n{length - 1}"]!["result"] = true;
        AssertValid(new JsonObject { ["process_graph"] = graph });
    }

    [Fact]
    public void A_reference_to_an_undefined_parameter_is_ProcessGraphInvalid()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "load1")["id"] = new JsonObject { ["from_parameter"] = "collection" });

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.Equal(
            "Node 'load1', argument 'id': refers to parameter 'collection', which neither the process's \"parameters\" nor an enclosing callback defines.",
            problem.Message);
    }

    [Fact]
    public void A_reference_to_a_parameter_of_the_process_is_valid()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "load1")["id"] = new JsonObject { ["from_parameter"] = "collection" });
        process["parameters"] = new JsonArray(new JsonObject { ["name"] = "collection", ["description"] = "Which.", ["schema"] = new JsonObject { ["type"] = "string" } });

        AssertValid(process);
    }

    [Fact]
    public void A_callback_may_use_the_parameters_of_the_process_around_it()
    {
        var process = Changed(Graphs.NdviThenMaxOverTime, g =>
            Arguments(g, "reducedimension1")["reducer"]!["process_graph"]!["arrayelement1"]!["arguments"]!["label"] = new JsonObject { ["from_parameter"] = "nir_band" });
        process["parameters"] = new JsonArray(new JsonObject { ["name"] = "nir_band", ["schema"] = new JsonObject { ["type"] = "string" } });

        AssertValid(process);
    }

    [Fact]
    public void A_callback_parameter_is_not_visible_outside_its_callback()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "ndvi1")["nir"] = new JsonObject { ["from_parameter"] = "data" });

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.Contains("parameter 'data'", problem.Message);
    }

    [Fact]
    public void A_callback_reference_to_a_parameter_its_process_does_not_define_is_ProcessGraphInvalid()
    {
        var process = Changed(Graphs.NdviThenMaxOverTime, g =>
            Arguments(g, "reducedimension2")["reducer"]!["process_graph"]!["max1"]!["arguments"]!["data"] = new JsonObject { ["from_parameter"] = "x" });

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.StartsWith("Node 'max1' (in the 'reducer' callback of node 'reducedimension2'), argument 'data': refers to parameter 'x'", problem.Message);
    }

    // ProcessUnsupported

    [Fact]
    public void An_unknown_process_is_ProcessUnsupported_and_named()
    {
        var process = Changed(Graphs.Ndvi, g => Node(g, "ndvi1")["process_id"] = "evi");

        var problem = Single(process, ProblemCodes.ProcessUnsupported);
        Assert.StartsWith("Node 'ndvi1': process 'evi' is not available", problem.Message);
    }

    [Fact]
    public void A_predefined_process_this_back_end_does_not_implement_is_ProcessUnsupported()
    {
        var process = Changed(Graphs.Ndvi, g => Node(g, "ndvi1")["process_id"] = "aggregate_temporal_period");

        var problem = Single(process, ProblemCodes.ProcessUnsupported);
        Assert.StartsWith("Node 'ndvi1': process 'aggregate_temporal_period'", problem.Message);
    }

    [Fact]
    public void An_unknown_process_inside_a_callback_is_ProcessUnsupported_and_named_with_its_place()
    {
        var process = Changed(Graphs.NdviThenMaxOverTime, g =>
            Arguments(g, "reducedimension2")["reducer"]!["process_graph"]!["max1"]!["process_id"] = "maximum");

        var problem = Single(process, ProblemCodes.ProcessUnsupported);
        Assert.StartsWith("Node 'max1' (in the 'reducer' callback of node 'reducedimension2'): process 'maximum'", problem.Message);
    }

    [Theory]
    [InlineData("vito")]
    [InlineData("https://example.com/processes/ndvi.json")]
    public void An_unknown_namespace_is_ProcessUnsupported(string ns)
    {
        var process = Changed(Graphs.Ndvi, g => Node(g, "ndvi1")["namespace"] = ns);

        var problem = Single(process, ProblemCodes.ProcessUnsupported);
        Assert.StartsWith("Node 'ndvi1': process 'ndvi' is not available in namespace", problem.Message);
    }

    [Fact]
    public void The_backend_namespace_holds_the_predefined_processes()
    {
        var process = Changed(Graphs.Ndvi, g => Node(g, "ndvi1")["namespace"] = "backend");

        AssertValid(process);
    }

    [Fact]
    public void A_predefined_process_is_not_in_the_user_namespace()
    {
        var process = Changed(Graphs.Ndvi, g => Node(g, "ndvi1")["namespace"] = "user");

        var problem = Single(process, ProblemCodes.ProcessUnsupported);
        Assert.Contains("namespace 'user'", problem.Message);
    }

    // ProcessParameterRequired

    [Fact]
    public void A_missing_required_argument_is_ProcessParameterRequired_naming_node_process_and_parameter()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "load1").Remove("id"));

        var problem = Single(process, ProblemCodes.ProcessParameterRequired);
        Assert.Equal("Node 'load1': process 'load_collection' requires parameter 'id'.", problem.Message);
    }

    [Fact]
    public void A_missing_required_argument_inside_a_callback_is_ProcessParameterRequired()
    {
        var process = Changed(Graphs.NdviThenMaxOverTime, g =>
            Arguments(g, "reducedimension1")["reducer"]!["process_graph"]!["normalizeddifference1"]!["arguments"]!.AsObject().Remove("y"));

        var problem = Single(process, ProblemCodes.ProcessParameterRequired);
        Assert.Equal("Node 'normalizeddifference1' (in the 'reducer' callback of node 'reducedimension1'): process 'normalized_difference' requires parameter 'y'.", problem.Message);
    }

    [Fact]
    public void Optional_parameters_may_be_left_out()
    {
        // ndvi's nir, red and target_band, save_result's options and load_collection's bands are all optional.
        var process = Changed(Graphs.Ndvi, g =>
        {
            Arguments(g, "ndvi1").Remove("nir");
            Arguments(g, "ndvi1").Remove("red");
            Arguments(g, "save1").Remove("options");
            Arguments(g, "load1").Remove("bands");
        });

        AssertValid(process);
    }

    // ProcessParameterUnsupported

    [Fact]
    public void An_argument_the_process_does_not_know_is_ProcessParameterUnsupported_and_named()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "ndvi1")["swir"] = "swir16");

        var problem = Single(process, ProblemCodes.ProcessParameterUnsupported);
        Assert.StartsWith("Node 'ndvi1': process 'ndvi' has no parameter 'swir'", problem.Message);
    }

    // ProcessParameterInvalid

    [Fact]
    public void A_number_where_a_datacube_is_required_is_ProcessParameterInvalid()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "ndvi1")["data"] = 5);

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith("Node 'ndvi1': the value of parameter 'data' of process 'ndvi' is invalid: expected a datacube", problem.Message);
    }

    [Fact]
    public void A_literal_object_where_a_datacube_is_required_is_ProcessParameterInvalid()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "save1")["data"] = new JsonObject { ["bands"] = new JsonArray("red") });

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith("Node 'save1': the value of parameter 'data' of process 'save_result' is invalid", problem.Message);
    }

    [Fact]
    public void A_node_returning_a_number_where_a_datacube_is_required_is_ProcessParameterInvalid()
    {
        var process = Changed(Graphs.Ndvi, g =>
        {
            g["sum1"] = Parse("""{"process_id": "add", "arguments": {"x": 1, "y": 2}}""");
            Arguments(g, "save1")["data"] = new JsonObject { ["from_node"] = "sum1" };
        });

        var problems = Validate(process);
        var problem = Assert.Single(problems);
        Assert.Equal(ProblemCodes.ProcessParameterInvalid, problem.Code);
        Assert.Contains("Node 'save1'", problem.Message);
        Assert.Contains("node 'sum1' (process 'add') returns a number or null, where a datacube is expected", problem.Message);
    }

    [Fact]
    public void A_datacube_where_only_numbers_are_taken_is_ProcessParameterInvalid()
    {
        var process = Changed(Graphs.Ndvi, g =>
        {
            g["scaled"] = Parse("""{"process_id": "multiply", "arguments": {"x": {"from_node": "ndvi1"}, "y": 10000}}""");
            Arguments(g, "save1")["data"] = new JsonObject { ["from_node"] = "ndvi1" };
        });

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith("Node 'scaled': the value of parameter 'x' of process 'multiply' is invalid: node 'ndvi1' (process 'ndvi') returns a datacube", problem.Message);
    }

    [Fact]
    public void A_node_of_any_return_type_is_accepted_anywhere()
    {
        // array_element returns "any data type": never a clear mismatch.
        var process = Changed(Graphs.NdviThenMaxOverTime, g =>
            Arguments(g, "reducedimension1")["reducer"]!["process_graph"]!["normalizeddifference1"]!["arguments"]!["x"] = new JsonObject { ["from_node"] = "arrayelement2" });

        AssertValid(process);
    }

    [Fact]
    public void A_reducer_passing_its_array_where_a_number_is_required_is_ProcessParameterInvalid()
    {
        // reduce_dimension gives its reducer "data", a labeled array; add takes numbers.
        var process = Changed(Graphs.NdviThenMaxOverTime, g => Arguments(g, "reducedimension2")["reducer"] = Parse("""
            {"process_graph": {"plus": {"process_id": "add", "arguments": {"x": {"from_parameter": "data"}, "y": 1}, "result": true}}}
            """));

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.Equal(
            "Node 'plus' (in the 'reducer' callback of node 'reducedimension2'): the value of parameter 'x' of process 'add' is invalid: parameter 'data' is an array, where a number or null is expected.",
            problem.Message);
    }

    [Fact]
    public void A_process_parameter_of_the_wrong_declared_type_is_ProcessParameterInvalid()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "ndvi1")["data"] = new JsonObject { ["from_parameter"] = "threshold" });
        process["parameters"] = new JsonArray(new JsonObject { ["name"] = "threshold", ["schema"] = new JsonObject { ["type"] = "number" } });

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith("Node 'ndvi1': the value of parameter 'data' of process 'ndvi' is invalid: parameter 'threshold' is a number, where a datacube is expected", problem.Message);
    }

    [Fact]
    public void A_process_parameter_without_schema_fits_anywhere()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "ndvi1")["data"] = new JsonObject { ["from_parameter"] = "cube" });
        process["parameters"] = new JsonArray(new JsonObject { ["name"] = "cube", ["description"] = "Any." });

        AssertValid(process);
    }

    [Theory]
    [InlineData("""{"west": 11.2, "south": 46.4, "east": 11.4}""", "lacks 'north'")]
    [InlineData("""{"west": "11.2", "south": 46.4, "east": 11.4, "north": 46.6}""", "'west'")]
    [InlineData("""{"west": 11.2, "south": 46.4, "east": 11.4, "north": 46.6, "crs": 12}""", "'crs'")]
    [InlineData("""[11.2, 46.4, 11.4, 46.6]""", "expected")]
    public void A_bad_bounding_box_is_ProcessParameterInvalid(string extent, string reason)
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "load1")["spatial_extent"] = JsonNode.Parse(extent));

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith("Node 'load1': the value of parameter 'spatial_extent' of process 'load_collection' is invalid", problem.Message);
        Assert.Contains(reason, problem.Message);
    }

    [Theory]
    [InlineData("""{"west": 11.2, "south": 46.4, "east": 11.4, "north": 46.6, "crs": 32632}""")]
    [InlineData("""{"west": 11.2, "south": 46.4, "east": 11.4, "north": 46.6, "crs": "PROJCRS[\"WGS 84 / UTM zone 32N\"]"}""")]
    [InlineData("""{"west": 11.2, "south": 46.4, "east": 11.4, "north": 46.6, "base": null, "height": null}""")]
    [InlineData("""{"type": "Polygon", "coordinates": [[[11.2, 46.4], [11.4, 46.4], [11.4, 46.6], [11.2, 46.4]]]}""")]
    [InlineData("null")]
    public void Good_spatial_extents_are_valid(string extent)
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "load1")["spatial_extent"] = JsonNode.Parse(extent));

        AssertValid(process);
    }

    [Theory]
    [InlineData("""["2024-05-01"]""", "fewer than 2")]
    [InlineData("""["2024-05-01", "2024-06-01", "2024-07-01"]""", "more than 2")]
    [InlineData("""["2024-13-01", "2024-06-01"]""", "element 0")]
    [InlineData("""["2024-05-01T00:00:00", "2024-06-01T00:00:00Z"]""", "element 0")]
    [InlineData("""["May 2024", null]""", "element 0")]
    [InlineData("""[null, null]""", "")]
    [InlineData("""["2024-06-01", "2024-05-01"]""", "must be later than the start")]
    [InlineData("""["2024-05-01T00:00:00Z", "2024-05-01"]""", "must be later than the start")]
    [InlineData("\"2024-05-01/2024-06-01\"", "expected")]
    public void A_bad_temporal_interval_is_ProcessParameterInvalid(string extent, string reason)
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "load1")["temporal_extent"] = JsonNode.Parse(extent));

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith("Node 'load1': the value of parameter 'temporal_extent' of process 'load_collection' is invalid", problem.Message);
        Assert.Contains(reason, problem.Message);
    }

    [Theory]
    [InlineData("""["2024-05-01", null]""")]
    [InlineData("""[null, "2024-06-01T12:30:00+02:00"]""")]
    [InlineData("""["2024-05-01T00:00:00.123Z", "2024-06-01"]""")]
    [InlineData("null")]
    public void Good_temporal_intervals_are_valid(string extent)
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "load1")["temporal_extent"] = JsonNode.Parse(extent));

        AssertValid(process);
    }

    [Theory]
    [InlineData("bands", "[]")]
    [InlineData("bands", "\"red\"")]
    [InlineData("bands", "[\"red\", 4]")]
    [InlineData("id", "\"sentinel 2\"")]
    [InlineData("id", "42")]
    public void Ill_typed_load_collection_arguments_are_ProcessParameterInvalid(string parameter, string value)
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "load1")[parameter] = JsonNode.Parse(value));

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith($"Node 'load1': the value of parameter '{parameter}' of process 'load_collection' is invalid", problem.Message);
    }

    [Fact]
    public void A_value_outside_an_enum_is_ProcessParameterInvalid()
    {
        var process = Changed(Graphs.Ndvi, g =>
        {
            g["resample1"] = Parse("""{"process_id": "resample_spatial", "arguments": {"data": {"from_node": "ndvi1"}, "resolution": 20, "method": "nearest"}}""");
            Arguments(g, "save1")["data"] = new JsonObject { ["from_node"] = "resample1" };
        });

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith("Node 'resample1': the value of parameter 'method' of process 'resample_spatial' is invalid: the string 'nearest' is not one of", problem.Message);
    }

    [Theory]
    [InlineData("""{"resolution": -10}""", "resolution")]
    [InlineData("""{"resolution": [10]}""", "resolution")]
    [InlineData("""{"projection": 4}""", "projection")]
    [InlineData("""{"projection": 32632.5}""", "projection")]
    public void Numbers_out_of_bounds_are_ProcessParameterInvalid(string arguments, string parameter)
    {
        var process = Changed(Graphs.Ndvi, g =>
        {
            var node = Parse("""{"process_id": "resample_spatial", "arguments": {"data": {"from_node": "ndvi1"}}}""");
            foreach (var (key, value) in Parse(arguments)) node["arguments"]![key] = value?.DeepClone();
            g["resample1"] = node;
            Arguments(g, "save1")["data"] = new JsonObject { ["from_node"] = "resample1" };
        });

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith($"Node 'resample1': the value of parameter '{parameter}' of process 'resample_spatial' is invalid", problem.Message);
    }

    [Fact]
    public void A_negative_array_index_is_ProcessParameterInvalid()
    {
        var process = Changed(Graphs.NdviThenMaxOverTime, g =>
            Arguments(g, "reducedimension1")["reducer"]!["process_graph"]!["arrayelement2"]!["arguments"]!["index"] = -1);

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith("Node 'arrayelement2' (in the 'reducer' callback of node 'reducedimension1'): the value of parameter 'index' of process 'array_element' is invalid: -1 is less than the minimum 0", problem.Message);
    }

    [Theory]
    [InlineData("\"max\"")]
    [InlineData("""{"process_id": "max"}""")]
    [InlineData("null")]
    public void A_reducer_that_is_not_a_process_is_ProcessParameterInvalid(string reducer)
    {
        var process = Changed(Graphs.NdviThenMaxOverTime, g => Arguments(g, "reducedimension2")["reducer"] = JsonNode.Parse(reducer));

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith("Node 'reducedimension2': the value of parameter 'reducer' of process 'reduce_dimension' is invalid: expected a process", problem.Message);
    }

    [Fact]
    public void A_process_where_a_string_is_required_is_ProcessParameterInvalid_and_its_graph_still_checked()
    {
        var process = Changed(Graphs.NdviThenMaxOverTime, g => Arguments(g, "reducedimension2")["dimension"] = Parse("""
            {"process_graph": {"x": {"process_id": "nope", "arguments": {}, "result": true}}}
            """));

        var problems = Validate(process);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Code == ProblemCodes.ProcessParameterInvalid && p.Message.StartsWith("Node 'reducedimension2': the value of parameter 'dimension'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Code == ProblemCodes.ProcessUnsupported && p.Message.StartsWith("Node 'x' (in the 'dimension' callback of node 'reducedimension2')", StringComparison.Ordinal));
    }

    [Fact]
    public void A_metadata_filter_callback_is_checked_with_its_value_parameter()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "load1")["properties"] = Parse("""
            {"eo:cloud_cover": {"process_graph": {"cc": {"process_id": "lte", "arguments": {"x": {"from_parameter": "value"}, "y": 30}, "result": true}}}}
            """));

        AssertValid(process);
    }

    [Fact]
    public void A_metadata_filter_callback_that_cannot_return_a_boolean_is_ProcessParameterInvalid()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "load1")["properties"] = Parse("""
            {"eo:cloud_cover": {"process_graph": {"cc": {"process_id": "add", "arguments": {"x": {"from_parameter": "value"}, "y": 30}, "result": true}}}}
            """));

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith("Node 'cc' (in the 'properties.eo:cloud_cover' callback of node 'load1'): the callback must return a boolean", problem.Message);
    }

    [Fact]
    public void A_metadata_filter_callback_using_a_parameter_it_lacks_is_ProcessGraphInvalid()
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "load1")["properties"] = Parse("""
            {"eo:cloud_cover": {"process_graph": {"cc": {"process_id": "lte", "arguments": {"x": {"from_parameter": "data"}, "y": 30}, "result": true}}}}
            """));

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.StartsWith("Node 'cc' (in the 'properties.eo:cloud_cover' callback of node 'load1'), argument 'x': refers to parameter 'data'", problem.Message);
    }

    [Theory]
    [InlineData("GTiff")]
    [InlineData("gtiff")]
    [InlineData("PNG")]
    public void An_output_format_of_this_back_end_is_valid_in_any_case(string format)
    {
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "save1")["format"] = format);

        AssertValid(process);
    }

    [Theory]
    [InlineData("netCDF")]
    [InlineData("GeoTIFF ")]
    [InlineData("")]
    public void An_output_format_this_back_end_does_not_write_is_ProcessParameterInvalid(string format)
    {
        // The seed back-end wrote netCDF whatever was asked; here the request is refused before anything runs.
        var process = Changed(Graphs.Ndvi, g => Arguments(g, "save1")["format"] = format);

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid);
        Assert.StartsWith($"Node 'save1': the value of parameter 'format' of process 'save_result' is invalid: '{format}' is not an output format of this back-end (GTiff, PNG", problem.Message);
    }

    // All problems, bounded echoes

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var process = Changed(Graphs.NdviThenMaxOverTime, g =>
        {
            Arguments(g, "loadcollection1").Remove("id");
            Arguments(g, "loadcollection1")["cloud_cover"] = 20;
            Node(g, "reducedimension2")["process_id"] = "reduce";
            Arguments(g, "saveresult1")["format"] = 3;
            Arguments(g, "reducedimension1")["reducer"]!["process_graph"]!["arrayelement1"]!["arguments"]!["data"] = new JsonObject { ["from_parameter"] = "x" };
        });

        var problems = Validate(process);

        Assert.Equal(
            [ProblemCodes.ProcessGraphInvalid, ProblemCodes.ProcessParameterInvalid, ProblemCodes.ProcessParameterRequired, ProblemCodes.ProcessParameterUnsupported, ProblemCodes.ProcessUnsupported],
            problems.Select(p => p.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Messages_quote_no_more_than_a_bounded_part_of_the_input()
    {
        var longId = new string('n', 10_000);
        var longProcess = new string('p', 10_000);
        var process = Changed(Graphs.Ndvi, g =>
        {
            g[longId] = new JsonObject { ["process_id"] = longProcess, ["arguments"] = new JsonObject { [longId] = new string('v', 10_000) } };
            Arguments(g, "ndvi1")["red"] = new string('r', 10_000);
            Arguments(g, "ndvi1")[longId] = new JsonObject { ["from_node"] = longId + "x" };
        });

        var problems = Validate(process);

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.True(p.Message.Length < 800, p.Message[..200]));
    }

    [Fact]
    public void A_graph_with_thousands_of_broken_nodes_gets_a_bounded_list()
    {
        var graph = new JsonObject();
        for (var i = 0; i < 5000; i++) graph[$"n{i}"] = new JsonObject { ["process_id"] = "nope", ["arguments"] = new JsonObject() };

        var problems = Validate(new JsonObject { ["process_graph"] = graph });

        Assert.Equal(ProcessGraphValidator.MaxListedProblems + 1, problems.Count);
        Assert.EndsWith("more problems are not listed.", problems[^1].Message);
    }

    private static JsonObject NestedApplies(int depth, string innermostParameter)
    {
        // apply(data, process: apply(x, process: ... absolute(x))): a callback in a callback, depth times.
        JsonNode inner = new JsonObject
        {
            ["abs"] = new JsonObject { ["process_id"] = "absolute", ["arguments"] = new JsonObject { ["x"] = new JsonObject { ["from_parameter"] = innermostParameter } }, ["result"] = true },
        };
        for (var level = depth; level > 0; level--)
        {
            inner = new JsonObject
            {
                [$"apply{level}"] = new JsonObject
                {
                    ["process_id"] = "apply",
                    ["arguments"] = new JsonObject { ["data"] = new JsonObject { ["from_parameter"] = "x" }, ["process"] = new JsonObject { ["process_graph"] = inner } },
                    ["result"] = true,
                },
            };
        }

        return Changed(Graphs.Ndvi, g =>
        {
            g["apply0"] = new JsonObject
            {
                ["process_id"] = "apply",
                ["arguments"] = new JsonObject { ["data"] = new JsonObject { ["from_node"] = "ndvi1" }, ["process"] = new JsonObject { ["process_graph"] = inner } },
            };
            Arguments(g, "save1")["data"] = new JsonObject { ["from_node"] = "apply0" };
        });
    }

    [Fact]
    public void Callbacks_in_callbacks_are_checked_with_every_enclosing_parameter_in_scope()
    {
        AssertValid(NestedApplies(3, "context"));

        var problem = Single(NestedApplies(3, "y"), ProblemCodes.ProcessGraphInvalid);
        Assert.StartsWith("Node 'abs' (in the 'process' callback of node 'apply3' in the 'process' callback of node 'apply2'", problem.Message);
        Assert.Contains("refers to parameter 'y'", problem.Message);
    }

    [Fact]
    public void Callbacks_nested_too_deeply_are_ProcessGraphInvalid_with_bounded_messages()
    {
        var problems = Validate(NestedApplies(40, "x"));

        var problem = Assert.Single(problems);
        Assert.Equal(ProblemCodes.ProcessGraphInvalid, problem.Code);
        Assert.Contains("nested more than", problem.Message);
        Assert.True(problem.Message.Length < 800, problem.Message);
    }

    [Fact]
    public void Messages_quote_no_more_than_a_bounded_part_of_a_user_defined_process_schema()
    {
        var options = new JsonArray([.. Enumerable.Range(0, 100).Select(i => (JsonNode)(new string('o', 1000) + i))]);
        var udp = new JsonObject
        {
            ["id"] = "pick",
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = "which", ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = options } }),
            ["process_graph"] = Parse("""{"n": {"process_id": "absolute", "arguments": {"x": 1}, "result": true}}"""),
        };
        var process = Changed(Graphs.Ndvi, g => g["pick1"] = Parse("""{"process_id": "pick", "arguments": {"which": "none"}}"""));

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid, new UserProcesses(udp.ToJsonString()));
        Assert.StartsWith("Node 'pick1': the value of parameter 'which' of process 'pick' is invalid: the string 'none' is not one of", problem.Message);
        Assert.True(problem.Message.Length < 800, problem.Message[..200]);
    }

    // User-defined processes

    private const string UserNdvi = """
        {
          "id": "my_ndvi",
          "parameters": [
            {"name": "cube", "description": "Input.", "schema": {"type": "object", "subtype": "datacube"}},
            {"name": "scale", "description": "Factor.", "schema": {"type": "number", "minimum": 0}, "optional": true},
            {"name": "offset", "description": "Shift.", "schema": {"type": "number"}, "default": 0}
          ],
          "returns": {"schema": {"type": "object", "subtype": "datacube"}},
          "process_graph": {"n": {"process_id": "ndvi", "arguments": {"data": {"from_parameter": "cube"}}, "result": true}}
        }
        """;

    private static JsonObject CallingUserNdvi(JsonObject arguments, string? ns = null) => Changed(Graphs.Ndvi, g =>
    {
        Node(g, "ndvi1")["process_id"] = "my_ndvi";
        if (ns is not null) Node(g, "ndvi1")["namespace"] = ns;
        Node(g, "ndvi1")["arguments"] = arguments;
    });

    [Theory]
    [InlineData(null)]
    [InlineData("user")]
    public void A_user_defined_process_is_found_and_its_arguments_checked(string? ns)
    {
        var process = CallingUserNdvi(new JsonObject { ["cube"] = new JsonObject { ["from_node"] = "load1" }, ["scale"] = 2 }, ns);

        AssertValid(process, new UserProcesses(UserNdvi));
    }

    [Fact]
    public void A_user_defined_process_is_not_in_the_backend_namespace()
    {
        var process = CallingUserNdvi(new JsonObject { ["cube"] = new JsonObject { ["from_node"] = "load1" } }, "backend");

        var problem = Single(process, ProblemCodes.ProcessUnsupported, new UserProcesses(UserNdvi));
        Assert.StartsWith("Node 'ndvi1': process 'my_ndvi' is not available in namespace 'backend'", problem.Message);
    }

    [Fact]
    public void A_user_defined_process_of_someone_else_is_ProcessUnsupported()
    {
        var process = CallingUserNdvi(new JsonObject { ["cube"] = new JsonObject { ["from_node"] = "load1" } });

        var problem = Single(process, ProblemCodes.ProcessUnsupported, new UserProcesses());
        Assert.StartsWith("Node 'ndvi1': process 'my_ndvi' is not available", problem.Message);
    }

    [Fact]
    public void A_user_defined_process_missing_a_required_argument_is_ProcessParameterRequired()
    {
        var process = CallingUserNdvi(new JsonObject { ["scale"] = 2 });

        var problem = Single(process, ProblemCodes.ProcessParameterRequired, new UserProcesses(UserNdvi));
        Assert.Equal("Node 'ndvi1': process 'my_ndvi' requires parameter 'cube'.", problem.Message);
    }

    [Fact]
    public void A_user_defined_process_given_an_unknown_argument_is_ProcessParameterUnsupported()
    {
        var process = CallingUserNdvi(new JsonObject { ["cube"] = new JsonObject { ["from_node"] = "load1" }, ["data"] = 1 });

        var problem = Single(process, ProblemCodes.ProcessParameterUnsupported, new UserProcesses(UserNdvi));
        Assert.StartsWith("Node 'ndvi1': process 'my_ndvi' has no parameter 'data'", problem.Message);
    }

    [Fact]
    public void A_user_defined_process_given_an_ill_typed_argument_is_ProcessParameterInvalid()
    {
        var process = CallingUserNdvi(new JsonObject { ["cube"] = new JsonObject { ["from_node"] = "load1" }, ["scale"] = "double" });

        var problem = Single(process, ProblemCodes.ProcessParameterInvalid, new UserProcesses(UserNdvi));
        Assert.StartsWith("Node 'ndvi1': the value of parameter 'scale' of process 'my_ndvi' is invalid", problem.Message);
    }

    [Fact]
    public void A_predefined_process_is_preferred_to_a_user_defined_one_of_the_same_name()
    {
        // The user's "ndvi" takes no "data": were it chosen, the graph would have an unsupported argument.
        var userNdvi = """{"id": "ndvi", "parameters": [{"name": "cube", "schema": {}}], "process_graph": {"n": {"process_id": "ndvi", "arguments": {"data": {"from_parameter": "cube"}}, "result": true}}}""";

        AssertValid(Graphs.Ndvi, new UserProcesses(userNdvi));
    }

    [Fact]
    public void The_top_level_parameters_must_be_parameter_objects()
    {
        var process = Parse(Graphs.Ndvi);
        process["parameters"] = new JsonArray("collection");

        var problem = Single(process, ProblemCodes.ProcessGraphInvalid);
        Assert.Contains("\"parameters\"", problem.Message);
    }
}
