using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.OpenEo.Jobs;

/// <summary>Plain HTTP calls to the silo's openEO API as one user (or none), with openEO error bodies read back.</summary>
public sealed class OpenEoTestClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>A client for the silo at <paramref name="silo"/> sending <paramref name="key"/> as bearer (none when null).</summary>
    public OpenEoTestClient(Uri silo, string? key)
    {
        _http = new HttpClient(Responses) { BaseAddress = new Uri(silo, "openeo/1.2/"), Timeout = TimeSpan.FromMinutes(3) };
        if (key is not null) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <summary>The openEO answers this client received, to check against openapi.yaml.</summary>
    public OpenApiResponses Responses { get; } = new();

    /// <summary>The underlying client (paths relative to the API root).</summary>
    public HttpClient Http => _http;

    /// <summary>POST /jobs; the new job's id.</summary>
    public async Task<string> CreateJobAsync(JsonObject process, string? title = null)
    {
        using var response = await _http.PostAsJsonAsync("jobs", new JsonObject { ["title"] = title, ["process"] = process });
        await ExpectAsync(response, HttpStatusCode.Created);
        var id = response.Headers.GetValues("OpenEO-Identifier").Single();
        Assert.EndsWith($"/openeo/1.2/jobs/{id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        return id;
    }

    /// <summary>POST /jobs/{id}/results.</summary>
    public async Task StartAsync(string id)
    {
        using var response = await _http.PostAsync($"jobs/{id}/results", null);
        await ExpectAsync(response, HttpStatusCode.Accepted);
    }

    /// <summary>DELETE /jobs/{id}/results.</summary>
    public async Task CancelAsync(string id)
    {
        using var response = await _http.DeleteAsync($"jobs/{id}/results");
        await ExpectAsync(response, HttpStatusCode.NoContent);
    }

    /// <summary>GET /jobs/{id}.</summary>
    public async Task<JsonObject> GetJobAsync(string id)
    {
        using var response = await _http.GetAsync($"jobs/{id}");
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>GET a JSON document, expecting <paramref name="status"/>.</summary>
    public async Task<JsonObject> GetJsonAsync(string path, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await _http.GetAsync(path);
        await ExpectAsync(response, status);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Polls the job until its status is one of <paramref name="statuses"/>; returns the job.</summary>
    public Task<JsonObject> WaitForStatusAsync(string id, TimeSpan timeout, params string[] statuses) =>
        Eventually.GetAsync($"job {id} to be {string.Join(" or ", statuses)}", timeout, async _ =>
        {
            var job = await GetJobAsync(id);
            var status = job["status"]!.GetValue<string>();
            if (status == "error" && !statuses.Contains("error"))
                throw new InvalidOperationException($"Job {id} failed: {await LogsTextAsync(id)}");
            return statuses.Contains(status) ? job : null;
        });

    /// <summary>The job's log messages, one per line.</summary>
    public async Task<string> LogsTextAsync(string id)
    {
        var logs = await GetJsonAsync($"jobs/{id}/logs");
        return string.Join('\n', logs["logs"]!.AsArray().Select(l => $"{l!["level"]}: {l["message"]}"));
    }

    /// <summary>Fails unless <paramref name="response"/> has <paramref name="expected"/> status, showing the body.</summary>
    public static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Fails unless the answer is an openEO error with <paramref name="status"/> and <paramref name="code"/>.</summary>
    public static async Task ExpectErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        await ExpectAsync(response, status);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(code, body?["code"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body?["message"]?.GetValue<string>()));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        Responses.Dispose();
    }
}

/// <summary>The process graphs the tests send (each valid against the process definitions unless named otherwise).</summary>
public static class Graphs
{
    /// <summary>NDVI of the scenes' red and nir, the maximum over time, saved as a GeoTIFF.</summary>
    public static JsonObject MaxNdvi() => new()
    {
        ["process_graph"] = new JsonObject
        {
            ["load"] = Node("load_collection", new JsonObject
            {
                ["id"] = "scenes", ["spatial_extent"] = null, ["temporal_extent"] = null, ["bands"] = new JsonArray("red", "nir"),
            }),
            ["ndvi"] = Node("ndvi", new JsonObject { ["data"] = From("load"), ["nir"] = "nir", ["red"] = "red" }),
            ["max"] = Node("reduce_dimension", new JsonObject
            {
                ["data"] = From("ndvi"),
                ["dimension"] = "t",
                ["reducer"] = new JsonObject
                {
                    ["process_graph"] = new JsonObject
                    {
                        ["max"] = Node("max", new JsonObject { ["data"] = new JsonObject { ["from_parameter"] = "data" } }, result: true),
                    },
                },
            }),
            ["save"] = Node("save_result", new JsonObject { ["data"] = From("max"), ["format"] = "GTiff" }, result: true),
        },
    };

    /// <summary>A graph calling a process this back-end does not have.</summary>
    public static JsonObject Unsupported() => new()
    {
        ["process_graph"] = new JsonObject
        {
            ["load"] = Node("load_collection", new JsonObject { ["id"] = "scenes", ["spatial_extent"] = null, ["temporal_extent"] = null }),
            ["magic"] = Node("no_such_process_here", new JsonObject { ["data"] = From("load") }),
            ["save"] = Node("save_result", new JsonObject { ["data"] = From("magic"), ["format"] = "GTiff" }, result: true),
        },
    };

    /// <summary>A graph referring to a node it does not have.</summary>
    public static JsonObject DanglingReference() => new()
    {
        ["process_graph"] = new JsonObject
        {
            ["save"] = Node("save_result", new JsonObject { ["data"] = From("nowhere"), ["format"] = "GTiff" }, result: true),
        },
    };

    private static JsonObject Node(string process, JsonObject arguments, bool result = false)
    {
        var node = new JsonObject { ["process_id"] = process, ["arguments"] = arguments };
        if (result) node["result"] = true;
        return node;
    }

    private static JsonObject From(string node) => new() { ["from_node"] = node };
}
