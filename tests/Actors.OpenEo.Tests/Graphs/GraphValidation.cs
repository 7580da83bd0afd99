using System.Text.Json.Nodes;
using Actors.OpenEo.Graphs;
using Actors.OpenEo.Processes;

namespace Actors.OpenEo.Tests.Graphs;

/// <summary>Runs the validator on JSON text and asserts on what it finds.</summary>
internal static class GraphValidation
{
    private static readonly ProcessGraphValidator Validator = new(new ProcessCatalog());

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static IReadOnlyList<GraphProblem> Validate(string process, IUserProcessSource? userProcesses = null) =>
        Validator.Validate(Parse(process), userProcesses);

    public static IReadOnlyList<GraphProblem> Validate(JsonObject process, IUserProcessSource? userProcesses = null) =>
        Validator.Validate(process, userProcesses);

    /// <summary>The one problem of <paramref name="process"/>, which must carry <paramref name="code"/>.</summary>
    public static GraphProblem SingleProblem(string process, string code, IUserProcessSource? userProcesses = null)
    {
        var problems = Validate(process, userProcesses);
        var problem = Assert.Single(problems);
        Assert.Equal(code, problem.Code);
        return problem;
    }

    /// <summary>Asserts that <paramref name="process"/> is valid, showing the problems when it is not.</summary>
    public static void AssertValid(JsonObject process, IUserProcessSource? userProcesses = null)
    {
        var problems = Validator.Validate(process, userProcesses);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Select(p => $"{p.Code}: {p.Message}")));
    }

    public static void AssertValid(string process, IUserProcessSource? userProcesses = null) => AssertValid(Parse(process), userProcesses);
}

/// <summary>User-defined processes held in memory.</summary>
internal sealed class UserProcesses(params string[] processes) : IUserProcessSource
{
    private readonly Dictionary<string, JsonObject> byId = processes
        .Select(p => JsonNode.Parse(p)!.AsObject())
        .ToDictionary(p => (string)p["id"]!, StringComparer.Ordinal);

    public JsonObject? Find(string id) => byId.TryGetValue(id, out var process) ? (JsonObject)process.DeepClone() : null;
}
