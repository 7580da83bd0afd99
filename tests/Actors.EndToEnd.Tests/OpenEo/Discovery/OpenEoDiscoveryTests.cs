using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;
using static Actors.EndToEnd.Tests.OpenEo.Discovery.OpenEoDiscoveryFixture;

namespace Actors.EndToEnd.Tests.OpenEo.Discovery;

/// <summary>
/// openEO discovery on a silo with two API-key users: the capabilities list exactly what is mapped, HTTP Basic
/// gives a token that works as <c>basic//TOKEN</c>, errors are openEO bodies, collections describe their cube,
/// and every answer validates against the openEO API's <c>openapi.yaml</c>.
/// </summary>
public sealed class OpenEoDiscoveryTests(OpenEoDiscoveryFixture fixture) : IClassFixture<OpenEoDiscoveryFixture>
{
    private const string Api = "openeo/1.2";

    // Every operation of openapi.yaml (openEO API 1.2.0) but /.well-known/openeo, which lives outside the API root.
    private static readonly (string Method, string Path)[] SpecifiedOperations =
    [
        ("GET", "/"), ("GET", "/file_formats"), ("GET", "/conformance"), ("GET", "/collections"), ("GET", "/collections/{collection_id}"),
        ("GET", "/collections/{collection_id}/queryables"), ("GET", "/processes"), ("GET", "/udf_runtimes"), ("GET", "/credentials/oidc"),
        ("GET", "/credentials/basic"), ("POST", "/validation"), ("POST", "/result"), ("GET", "/process_graphs"),
        ("GET", "/process_graphs/{process_graph_id}"), ("PUT", "/process_graphs/{process_graph_id}"), ("DELETE", "/process_graphs/{process_graph_id}"),
        ("GET", "/service_types"), ("GET", "/services"), ("POST", "/services"), ("PATCH", "/services/{service_id}"), ("GET", "/services/{service_id}"),
        ("DELETE", "/services/{service_id}"), ("GET", "/services/{service_id}/logs"), ("GET", "/jobs"), ("POST", "/jobs"), ("PATCH", "/jobs/{job_id}"),
        ("GET", "/jobs/{job_id}"), ("DELETE", "/jobs/{job_id}"), ("GET", "/jobs/{job_id}/estimate"), ("GET", "/jobs/{job_id}/logs"),
        ("GET", "/jobs/{job_id}/results"), ("POST", "/jobs/{job_id}/results"), ("DELETE", "/jobs/{job_id}/results"), ("GET", "/files"),
        ("GET", "/files/{path}"), ("PUT", "/files/{path}"), ("DELETE", "/files/{path}"), ("GET", "/me"),
    ];

    [Fact]
    public async Task Capabilities_list_exactly_the_endpoints_the_silo_serves()
    {
        using var anonymous = fixture.Http();
        using var user = fixture.Http($"Bearer {KeyA}");
        var capabilities = (await anonymous.GetFromJsonAsync<JsonObject>($"{Api}/"))!;
        Assert.Equal("1.2.0", capabilities["api_version"]!.GetValue<string>());
        var listed = capabilities["endpoints"]!.AsArray()
            .SelectMany(e => e!["methods"]!.AsArray().Select(m => (Method: m!.GetValue<string>(), Path: e["path"]!.GetValue<string>())))
            .ToHashSet();
        Assert.Contains(("GET", "/collections"), listed);
        Assert.Contains(("GET", "/credentials/basic"), listed);
        Assert.DoesNotContain(("GET", "/credentials/oidc"), listed); // no JWT configured

        // Whatever is listed answers (no "nothing here" 404 or 405); whatever the specification has and the list lacks does not.
        foreach (var (method, path) in listed.Union(SpecifiedOperations))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Api + Concrete(path));
            if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await user.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var unmapped = response.StatusCode == HttpStatusCode.MethodNotAllowed
                || (response.StatusCode == HttpStatusCode.NotFound && body.Contains("\"Nothing at", StringComparison.Ordinal));
            Assert.True(listed.Contains((method, path)) != unmapped,
                $"{method} {path} is {(listed.Contains((method, path)) ? "listed" : "not listed")} but answered {(int)response.StatusCode} {body}");
        }
    }

    [Fact]
    public async Task Well_known_document_points_at_the_api_root()
    {
        using var anonymous = fixture.Http();
        var document = (await anonymous.GetFromJsonAsync<JsonObject>(".well-known/openeo"))!;
        var version = Assert.Single(document["versions"]!.AsArray())!;
        Assert.Equal("1.2.0", version["api_version"]!.GetValue<string>());
        Assert.Equal(new Uri(fixture.Silo.BaseAddress, Api + "/").ToString(), version["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Basic_credentials_give_a_token_that_works_with_the_basic_prefix()
    {
        using var login = fixture.Http(Basic(UserA, KeyA));
        using var answer = await login.GetAsync($"{Api}/credentials/basic");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var token = (await answer.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();

        foreach (var header in new[] { $"Bearer basic//{token}", $"Bearer {token}" })
        {
            using var http = fixture.Http(header);
            var me = (await http.GetFromJsonAsync<JsonObject>($"{Api}/me"))!;
            Assert.Equal(UserA, me["user_id"]!.GetValue<string>());
            using var jobs = await http.GetAsync("stac/collections"); // the same credential outside openEO
            Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        }
        using var forged = fixture.Http($"Bearer basic//{token}x");
        using var refused = await forged.GetAsync($"{Api}/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await AssertOpenEoErrorAsync(refused, "AuthenticationRequired");
    }

    [Fact]
    public async Task Wrong_basic_credentials_are_refused_with_an_openeo_error()
    {
        foreach (var (what, header, status, code) in new[]
        {
            ("a wrong password", Basic(UserA, KeyA + "x"), HttpStatusCode.Forbidden, "CredentialsInvalid"),
            ("another user's key", Basic(UserB, KeyA), HttpStatusCode.Forbidden, "CredentialsInvalid"),
            ("an unknown user", Basic("mallory", "mallory-key-0123456"), HttpStatusCode.Forbidden, "CredentialsInvalid"),
            ("no credentials", (string?)null, HttpStatusCode.Unauthorized, "AuthenticationRequired"),
        })
        {
            using var http = fixture.Http(header);
            using var response = await http.GetAsync($"{Api}/credentials/basic");
            Assert.True(status == response.StatusCode, $"{what}: {response.StatusCode}");
            await AssertOpenEoErrorAsync(response, code);
        }
    }

    [Fact]
    public async Task Public_discovery_answers_without_credentials_while_me_and_collections_need_them()
    {
        using var anonymous = fixture.Http();
        foreach (var path in new[] { "/", "/conformance", "/file_formats", "/processes" })
        {
            using var response = await anonymous.GetAsync(Api + path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        foreach (var path in new[] { "/me", "/collections", "/collections/scenes" })
        {
            using var response = await anonymous.GetAsync(Api + path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            await AssertOpenEoErrorAsync(response, "AuthenticationRequired");
        }
        using var user = fixture.Http($"Bearer basic//{KeyB}");
        var me = (await user.GetFromJsonAsync<JsonObject>($"{Api}/me"))!;
        Assert.Equal(UserB, me["user_id"]!.GetValue<string>());
        Assert.Contains("publisher", me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Collections_carry_cube_dimensions_with_the_staged_bands()
    {
        using var user = fixture.Http($"Bearer basic//{KeyA}");
        var list = (await user.GetFromJsonAsync<JsonObject>($"{Api}/collections"))!;
        var ids = list["collections"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("scenes", ids);
        Assert.Contains("ndvi", ids);

        var item = (await user.GetFromJsonAsync<JsonObject>(fixture.Scene.StacItemUrl))!;
        var scenes = (await user.GetFromJsonAsync<JsonObject>($"{Api}/collections/scenes"))!;
        var dimensions = scenes["cube:dimensions"]!.AsObject();
        Assert.Equal(new[] { "nir", "red" }, dimensions["bands"]!["values"]!.AsArray().Select(v => v!.GetValue<string>()).Order());
        var epsg = int.Parse(item["properties"]!["proj:code"]!.GetValue<string>()["EPSG:".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var transform = item["properties"]!["proj:transform"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var shape = item["properties"]!["proj:shape"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        var x = dimensions["x"]!.AsObject();
        var y = dimensions["y"]!.AsObject();
        Assert.Equal(("spatial", "x", epsg), (x["type"]!.GetValue<string>(), x["axis"]!.GetValue<string>(), x["reference_system"]!.GetValue<int>()));
        Assert.Equal(("spatial", "y", epsg), (y["type"]!.GetValue<string>(), y["axis"]!.GetValue<string>(), y["reference_system"]!.GetValue<int>()));
        Assert.Equal(new[] { transform[2], transform[2] + transform[0] * shape[1] }, x["extent"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(new[] { transform[5] + transform[4] * shape[0], transform[5] }, y["extent"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(transform[0], x["step"]!.GetValue<double>());
        var t = dimensions["t"]!.AsObject();
        Assert.Equal("temporal", t["type"]!.GetValue<string>());
        var datetime = DateTimeOffset.Parse(item["properties"]!["datetime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(t["extent"]!.AsArray(), v => Assert.Equal(datetime, DateTimeOffset.Parse(v!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("https://stac-extensions.github.io/datacube/v2.2.0/schema.json", scenes["stac_extensions"]!.AsArray().Select(e => e!.GetValue<string>()));

        var ndvi = (await user.GetFromJsonAsync<JsonObject>($"{Api}/collections/ndvi"))!;
        Assert.Equal(new[] { "ndvi" }, ndvi["cube:dimensions"]!["bands"]!["values"]!.AsArray().Select(v => v!.GetValue<string>()));

        using var missing = await user.GetAsync($"{Api}/collections/no-such-collection");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await AssertOpenEoErrorAsync(missing, "CollectionNotFound");
    }

    [Fact]
    public async Task Every_discovery_answer_validates_against_the_openeo_openapi_document()
    {
        using var responses = new OpenApiResponses();
        using var anonymous = fixture.Http(handler: responses);
        using var user = fixture.Http($"Bearer basic//{KeyA}", responses);
        // The handler records each answer as it passes.
        static async Task Record(HttpClient http, string path, string? url = null) => (await http.GetAsync(url ?? Api + path)).Dispose();
        await Record(anonymous, "/.well-known/openeo", ".well-known/openeo");
        foreach (var path in new[] { "/", "/conformance", "/file_formats", "/processes", "/me", "/collections", "/credentials/basic" })
            await Record(anonymous, path);
        foreach (var path in new[] { "/me", "/collections", "/collections/scenes", "/collections/ndvi", "/collections/water-bodies", "/collections/nope" })
            await Record(user, path);
        using (var wrong = fixture.Http(Basic(UserA, "not-the-key-at-all"), responses))
            await Record(wrong, "/credentials/basic");
        using (var right = fixture.Http(Basic(UserA, KeyA), responses))
            await Record(right, "/credentials/basic");

        Assert.Equal(16, responses.Count);
        await responses.AssertValidAsync();
    }

    private static string Concrete(string path) => path
        .Replace("{collection_id}", "scenes", StringComparison.Ordinal)
        .Replace("{job_id}", "no-such-job", StringComparison.Ordinal)
        .Replace("{process_graph_id}", "no_such_process", StringComparison.Ordinal)
        .Replace("{service_id}", "no-such-service", StringComparison.Ordinal)
        .Replace("{path}", "no-such-file", StringComparison.Ordinal)
        .Replace("{name}", "no-such-asset", StringComparison.Ordinal)
        is var concrete && concrete.Contains('{', StringComparison.Ordinal)
            ? System.Text.RegularExpressions.Regex.Replace(concrete, "\\{[^}]+\\}", "unknown")
            : concrete;

    private static async Task AssertOpenEoErrorAsync(HttpResponseMessage response, string code)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(body?["code"]?.GetValue<string>() == code, $"expected code {code}: {body?.ToJsonString()}");
        Assert.False(string.IsNullOrEmpty(body?["message"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(body?["id"]?.GetValue<string>()));
    }
}
