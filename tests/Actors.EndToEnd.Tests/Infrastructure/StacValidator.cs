using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs the offline validators in <c>tests/stac-validation</c> (ajv): <c>validate.mjs</c> checks STAC
/// documents against the STAC 1.1 and extension schemas, <c>validate-api.mjs</c> checks whole API
/// responses against the STAC API 1.0.0 OpenAPI response schemas and the STAC schemas of their contents.
/// </summary>
public static class StacValidator
{
    private static readonly string Directory = Path.Combine(BuiltArtifacts.RepositoryRoot, "tests", "stac-validation");

    /// <summary>Validates STAC items and collections saved as files.</summary>
    public static Task<(int ExitCode, string Output)> ValidateDocumentsAsync(IEnumerable<string> files) =>
        RunAsync(["validate.mjs", Path.Combine(Directory, "schemas"), .. files]);

    /// <summary>Validates API responses of one kind (landing, conformance, collections, collection, items, item, search, queryables).</summary>
    public static Task<(int ExitCode, string Output)> ValidateResponsesAsync(string kind, IEnumerable<string> files) =>
        RunAsync(["validate-api.mjs", Path.Combine(Directory, "openapi"), kind, .. files]);

    /// <summary>Saves a document for the validators, under a readable name.</summary>
    public static async Task<string> SaveAsync(string folder, string name, JsonNode document)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, document.ToJsonString());
        return path;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var list = arguments.ToList();
        start.ArgumentList.Add(Path.Combine(Directory, list[0]));
        foreach (var argument in list.Skip(1)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout + await stderr);
    }
}
