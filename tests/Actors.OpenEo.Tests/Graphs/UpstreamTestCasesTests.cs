using System.Text.Json.Nodes;
using Actors.OpenEo.Graphs;
using static Actors.OpenEo.Tests.Graphs.GraphValidation;

namespace Actors.OpenEo.Tests.Graphs;

/// <summary>
/// The arguments the openEO process test suite calls the implemented processes with (see
/// <see cref="UpstreamTestCases"/>) make valid nodes: the validator rejects none of the suite's valid calls.
/// </summary>
public sealed class UpstreamTestCasesTests
{
    private static readonly JsonArray Cases = JsonNode.Parse(UpstreamTestCases.Json)!.AsArray();

    // Cases of the suite that break the definitions they test; the validator must report them, with these codes.
    private static readonly Dictionary<(string Process, int Index), string[]> Contradicting = new()
    {
        // x = -1 where the definitions say "minimum": 0 (the suite expects NaN).
        [("log", 0)] = [ProblemCodes.ProcessParameterInvalid],
        [("ln", 5)] = [ProblemCodes.ProcessParameterInvalid],
        // x = null where the definition takes numbers only.
        [("normalized_difference", 3)] = [ProblemCodes.ProcessParameterInvalid],
        // "from_argument", which openEO does not have, instead of "from_parameter" / "from_node".
        [("merge_cubes", 3)] = [ProblemCodes.ProcessParameterInvalid],
        [("apply", 1)] = [ProblemCodes.ProcessParameterInvalid, ProblemCodes.ProcessParameterInvalid],
        [("reduce_dimension", 1)] = [ProblemCodes.ProcessParameterInvalid, ProblemCodes.ProcessParameterInvalid],
        // A condition without the {"process_graph": ...} wrapper, naming a parameter "element" count does not give.
        [("count", 4)] = [ProblemCodes.ProcessGraphInvalid, ProblemCodes.ProcessParameterInvalid],
        [("count", 5)] = [ProblemCodes.ProcessGraphInvalid, ProblemCodes.ProcessGraphInvalid, ProblemCodes.ProcessParameterInvalid],
    };

    public static TheoryData<string, int> Valid => Select(key => !Contradicting.ContainsKey(key));

    public static TheoryData<string, int> Invalid => Select(Contradicting.ContainsKey);

    [Fact]
    public void The_suite_covers_most_implemented_processes()
    {
        var covered = Cases.Select(c => (string)c!["process"]!).Distinct().Count();

        Assert.True(Cases.Count >= 300, $"{Cases.Count} cases");
        Assert.True(covered >= 40, $"{covered} processes");
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_call_from_the_openEO_test_suite_is_a_valid_node(string process, int index) => AssertValid(Call(process, index));

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_call_of_the_openEO_test_suite_that_breaks_the_definitions_is_reported(string process, int index)
    {
        var problems = Validate(Call(process, index));

        Assert.Equal(Contradicting[(process, index)], problems.Select(p => p.Code).Order(StringComparer.Ordinal));
    }

    private static TheoryData<string, int> Select(Func<(string, int), bool> predicate)
    {
        var data = new TheoryData<string, int>();
        foreach (var c in Cases)
        {
            var key = ((string)c!["process"]!, (int)c["index"]!);
            if (predicate(key)) data.Add(key.Item1, key.Item2);
        }

        return data;
    }

    private static JsonObject Call(string process, int index)
    {
        var testCase = Cases.Single(c => (string)c!["process"]! == process && (int)c["index"]! == index)!;
        var graph = new JsonObject
        {
            ["process_graph"] = new JsonObject
            {
                ["call"] = new JsonObject { ["process_id"] = process, ["arguments"] = testCase["arguments"]!.DeepClone(), ["result"] = true },
            },
        };
        if ((bool)testCase["cube"]!)
        {
            // The suite's data cubes are files; here they come in as a parameter of the process.
            graph["parameters"] = new JsonArray(new JsonObject
            {
                ["name"] = "cube",
                ["description"] = "A data cube of the test suite.",
                ["schema"] = new JsonObject { ["type"] = "object", ["subtype"] = "datacube" },
            });
        }

        return graph;
    }
}
