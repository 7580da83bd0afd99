using System.Text.Json.Nodes;
using Actors.OpenEo.Graphs;
using Actors.OpenEo.Processes;
using static Actors.OpenEo.Tests.Graphs.GraphValidation;

namespace Actors.OpenEo.Tests.Graphs;

/// <summary>
/// The graphs the openEO process definitions themselves contain are valid: each example's arguments given to its
/// process, and each process graph a definition carries (the process defined through others).
/// </summary>
public sealed class DefinitionExamplesTests
{
    private static readonly ProcessCatalog Catalog = new();

    public static TheoryData<string, int> Examples
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var id in ProcessCatalog.ImplementedIds)
            {
                var examples = Catalog.Find(id)!["examples"] as JsonArray ?? [];
                for (var i = 0; i < examples.Count; i++)
                {
                    if (examples[i]?["arguments"] is JsonObject && !(id == BrokenExample.Process && i == BrokenExample.Index)) data.Add(id, i);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> DefinedByGraphs =>
        [.. ProcessCatalog.ImplementedIds.Where(id => id != BrokenGraph && Catalog.Find(id)!.ContainsKey("process_graph"))];

    // Two graphs of openeo-processes 2.0.0-rc.2 break the process graph rules themselves; the validator must say so.
    // count's fifth example gives the condition's nodes without the {"process_graph": ...} wrapper and names its
    // parameter "element" (count's condition has "x").
    private static readonly (string Process, int Index) BrokenExample = ("count", 4);

    // variance's graph spells the callback key "process-graph" and so passes apply a plain object.
    private const string BrokenGraph = "variance";

    [Fact]
    public void There_are_examples_and_graphs_to_check()
    {
        Assert.True(Examples.Count >= 100, $"{Examples.Count} examples");
        Assert.True(DefinedByGraphs.Count >= 15, $"{DefinedByGraphs.Count} graphs");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_example_of_a_definition_is_a_valid_node(string id, int example)
    {
        var arguments = Catalog.Find(id)!["examples"]![example]!["arguments"]!.DeepClone();
        var process = new JsonObject
        {
            ["process_graph"] = new JsonObject
            {
                ["example"] = new JsonObject { ["process_id"] = id, ["arguments"] = arguments, ["result"] = true },
            },
        };

        AssertValid(process);
    }

    [Theory]
    [MemberData(nameof(DefinedByGraphs))]
    public void The_graph_of_a_definition_is_valid_but_for_processes_not_implemented(string id)
    {
        var definition = Catalog.Find(id)!;
        var process = new JsonObject { ["process_graph"] = definition["process_graph"]!.DeepClone(), ["parameters"] = definition["parameters"]!.DeepClone() };
        var used = ProcessIds(definition["process_graph"]!.AsObject()).ToHashSet(StringComparer.Ordinal);
        var missing = used.Where(p => Catalog.Find(p) is null).Order(StringComparer.Ordinal).ToList();

        var problems = Validate(process);

        // e.g. multiply is defined through product, which this back-end does not implement.
        Assert.All(problems, p => Assert.Equal(ProblemCodes.ProcessUnsupported, p.Code));
        Assert.Equal(missing, problems.Select(p => missing.Single(m => p.Message.Contains($"process '{m}'", StringComparison.Ordinal))).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_broken_count_example_of_the_definitions_is_reported()
    {
        var arguments = Catalog.Find(BrokenExample.Process)!["examples"]![BrokenExample.Index]!["arguments"]!.DeepClone();
        var process = new JsonObject { ["process_graph"] = new JsonObject { ["example"] = new JsonObject { ["process_id"] = "count", ["arguments"] = arguments, ["result"] = true } } };

        var problems = Validate(process);

        Assert.Equal([ProblemCodes.ProcessGraphInvalid, ProblemCodes.ProcessParameterInvalid], problems.Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("refers to parameter 'element'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.StartsWith("Node 'example': the value of parameter 'condition' of process 'count' is invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void The_broken_variance_graph_of_the_definitions_is_reported()
    {
        var definition = Catalog.Find(BrokenGraph)!;
        var process = new JsonObject { ["process_graph"] = definition["process_graph"]!.DeepClone(), ["parameters"] = definition["parameters"]!.DeepClone() };

        var problems = Validate(process);

        Assert.Contains(problems, p => p.Code == ProblemCodes.ProcessParameterInvalid
            && p.Message.StartsWith("Node 'apply': the value of parameter 'process' of process 'apply' is invalid: expected a process", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Code == ProblemCodes.ProcessGraphInvalid && p.Message.Contains("refers to node 'subtract'", StringComparison.Ordinal));
    }

    private static IEnumerable<string> ProcessIds(JsonObject graph)
    {
        foreach (var (_, node) in graph)
        {
            yield return (string)node!["process_id"]!;
            foreach (var nested in Callbacks(node["arguments"])) foreach (var id in ProcessIds(nested)) yield return id;
        }
    }

    private static IEnumerable<JsonObject> Callbacks(JsonNode? value) => value switch
    {
        JsonObject o when o["process_graph"] is JsonObject graph => [graph],
        JsonObject o => o.SelectMany(entry => Callbacks(entry.Value)),
        JsonArray a => a.SelectMany(Callbacks),
        _ => [],
    };
}
