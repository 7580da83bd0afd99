using System.Diagnostics;
using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.OpenEo;

/// <summary>
/// Records the openEO API's answers a client receives and checks them against the API's <c>openapi.yaml</c> with the
/// offline validator in <c>tests/openeo-client</c> (<c>validate-responses.mjs</c>, ajv).
/// </summary>
public sealed class OpenApiResponses : DelegatingHandler
{
    private const string ApiRoot = "/openeo/1.2";
    private const string WellKnown = "/.well-known/openeo";
    private readonly List<JsonObject> _recorded = [];

    /// <summary>A recorder sending through a new <see cref="HttpClientHandler"/>.</summary>
    public OpenApiResponses()
        : base(new HttpClientHandler())
    {
    }

    /// <summary>How many answers were recorded.</summary>
    public int Count
    {
        get
        {
            lock (_recorded) return _recorded.Count;
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        // Result downloads are the back-end's own URLs (the specification leaves their form open).
        if (path != WellKnown && (!path.StartsWith(ApiRoot, StringComparison.Ordinal) || path.Contains("/results/assets/", StringComparison.Ordinal))) return response;
        var contentType = response.Content.Headers.ContentType?.ToString();
        JsonNode? body = null;
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        var record = new JsonObject
        {
            ["method"] = request.Method.Method,
            ["path"] = path == WellKnown ? path : path[ApiRoot.Length..] is { Length: > 0 } relative ? relative : "/",
            ["status"] = (int)response.StatusCode,
            ["contentType"] = contentType,
            ["body"] = body,
        };
        lock (_recorded) _recorded.Add(record);
        return response;
    }

    /// <summary>Fails with the validator's report unless every recorded answer is valid.</summary>
    public async Task AssertValidAsync()
    {
        JsonArray responses;
        lock (_recorded) responses = new JsonArray(_recorded.Select(r => (JsonNode)r.DeepClone()).ToArray());
        Assert.NotEmpty(responses);
        using var folder = new TempDirectory("openeo-responses");
        var file = Path.Combine(folder.Path, "responses.json");
        await File.WriteAllTextAsync(file, responses.ToJsonString());
        var directory = Path.Combine(BuiltArtifacts.RepositoryRoot, "tests", "openeo-client");
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(directory, "validate-responses.mjs"));
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(process.ExitCode == 0, $"responses not valid against openapi.yaml:\n{await stdout}{await stderr}");
    }
}
