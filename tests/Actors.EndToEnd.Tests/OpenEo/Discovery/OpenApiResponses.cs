using System.Diagnostics;
using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.OpenEo.Discovery;

/// <summary>
/// Collects openEO responses and validates them against the openEO API's <c>openapi.yaml</c> with
/// <c>tests/openeo-client/validate-responses.mjs</c> (ajv, offline).
/// </summary>
public sealed class OpenApiResponses
{
    private static readonly string Directory = Path.Combine(BuiltArtifacts.RepositoryRoot, "tests", "openeo-client");
    private readonly JsonArray _responses = [];

    /// <summary>Records a response; <paramref name="path"/> is relative to the API root (or <c>/.well-known/openeo</c>).</summary>
    public async Task<JsonNode?> AddAsync(string method, string path, HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? null : JsonNode.Parse(text);
        _responses.Add(new JsonObject
        {
            ["method"] = method,
            ["path"] = path,
            ["status"] = (int)response.StatusCode,
            ["contentType"] = response.Content.Headers.ContentType?.ToString(),
            ["body"] = body?.DeepClone(),
        });
        return body;
    }

    /// <summary>Runs the validator on everything recorded: its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> ValidateAsync(string folder)
    {
        var file = Path.Combine(folder, $"responses-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, _responses.ToJsonString());
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Directory, "validate-responses.mjs"));
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout + await stderr);
    }
}
