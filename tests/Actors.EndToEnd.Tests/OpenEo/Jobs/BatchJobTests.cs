using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Actors.EndToEnd.Tests.OpenEo.Jobs;

/// <summary>
/// Batch jobs, synchronous results and user-defined processes through the openEO API of a real silo, with two users:
/// results equal the NDVI product and an independent reference; each user sees only their own.
/// </summary>
public sealed class BatchJobTests(SingleSceneFixture fixture, ITestOutputHelper output) : IClassFixture<SingleSceneFixture>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_batch_ndvi_job_finishes_and_its_downloaded_GeoTIFF_equals_the_ndvi_product_and_a_reference()
    {
        using var alice = fixture.Alice;
        var id = await alice.CreateJobAsync(Graphs.MaxNdvi(), "max NDVI");
        Assert.Matches("^j-[0-9a-f]{20}$", id);
        Assert.Equal("created", (await alice.GetJobAsync(id))["status"]!.GetValue<string>());
        using (var early = await alice.Http.GetAsync($"jobs/{id}/results"))
            await OpenEoTestClient.ExpectErrorAsync(early, HttpStatusCode.BadRequest, "JobNotFinished");

        await alice.StartAsync(id);
        var job = await alice.WaitForStatusAsync(id, JobTimeout, "finished");
        Assert.Equal(100, job["progress"]!.GetValue<double>());
        Assert.Equal("max NDVI", job["title"]!.GetValue<string>());
        Assert.NotNull(job["usage"]?["cpu"]);

        var item = await alice.GetJsonAsync($"jobs/{id}/results");
        Assert.Equal("Feature", item["type"]!.GetValue<string>());
        Assert.Equal("1.1.0", item["stac_version"]!.GetValue<string>());
        Assert.Equal(id, item["id"]!.GetValue<string>());
        Assert.Equal("finished", item["properties"]!["openeo:status"]!.GetValue<string>());
        Assert.Equal(4, item["bbox"]!.AsArray().Count);
        using (var folder = new TempDirectory("openeo-item"))
        {
            var (exitCode, validation) = await StacValidator.ValidateDocumentsAsync([await StacValidator.SaveAsync(folder.Path, "results.json", item)]);
            Assert.True(exitCode == 0, validation);
        }
        var asset = Assert.Single(item["assets"]!.AsObject()).Value!.AsObject();
        Assert.StartsWith("image/tiff", asset["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["data"], asset["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var href = asset["href"]!.GetValue<string>();

        // The signed link needs no credentials; a tampered one is refused; without a signature the owner's token is needed.
        using var anonymous = fixture.Anonymous;
        var bytes = await anonymous.Http.GetByteArrayAsync(href);
        using (var tampered = await anonymous.Http.GetAsync(href[..^4] + "0000"))
            Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        var unsigned = href[..href.IndexOf('?', StringComparison.Ordinal)];
        using (var noCredentials = await anonymous.Http.GetAsync(unsigned))
            Assert.Equal(HttpStatusCode.Unauthorized, noCredentials.StatusCode);
        using (var bob = fixture.Bob)
        using (var bobsTry = await bob.Http.GetAsync(unsigned))
            Assert.Equal(HttpStatusCode.NotFound, bobsTry.StatusCode);
        Assert.Equal(bytes, await alice.Http.GetByteArrayAsync(unsigned));

        using var files = new TempDirectory("openeo-result");
        var resultPath = Path.Combine(files.Path, "result.tif");
        await File.WriteAllBytesAsync(resultPath, bytes);
        AssertEqualsProductAndReference(Pixels.Read(resultPath), "batch result");
        await alice.Responses.AssertValidAsync();
    }

    [Fact]
    public async Task A_synchronous_result_is_a_GeoTIFF_equal_to_the_ndvi_product()
    {
        using var alice = fixture.Alice;
        using var response = await alice.Http.PostAsJsonAsync("result", new JsonObject { ["process"] = Graphs.MaxNdvi() });
        await OpenEoTestClient.ExpectAsync(response, HttpStatusCode.OK);
        Assert.StartsWith("image/tiff", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        using var files = new TempDirectory("openeo-sync");
        var path = Path.Combine(files.Path, "sync.tif");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        AssertEqualsProductAndReference(Pixels.Read(path), "synchronous result");
        // The scratch folder of the run is gone once the answer is sent.
        var work = Path.Combine(fixture.Silo.DataDirectory, "work");
        await Eventually.TrueAsync("the synchronous run's scratch files to be removed", TimeSpan.FromSeconds(10), _ =>
            Task.FromResult(!Directory.Exists(work) || !Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories).Any()));
        await alice.Responses.AssertValidAsync();
    }

    [Fact]
    public async Task Another_user_sees_none_of_a_users_jobs_results_or_process_graphs()
    {
        using var alice = fixture.Alice;
        using var bob = fixture.Bob;
        var id = await alice.CreateJobAsync(Graphs.MaxNdvi(), "alice's");
        using (var put = await alice.Http.PutAsJsonAsync("process_graphs/alices_ndvi", Graphs.MaxNdvi()))
            await OpenEoTestClient.ExpectAsync(put, HttpStatusCode.OK);

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"jobs/{id}"), (HttpMethod.Delete, $"jobs/{id}"), (HttpMethod.Post, $"jobs/{id}/results"),
            (HttpMethod.Get, $"jobs/{id}/results"), (HttpMethod.Delete, $"jobs/{id}/results"), (HttpMethod.Get, $"jobs/{id}/logs"),
            (HttpMethod.Get, $"jobs/{id}/estimate"),
        })
        {
            using var response = await bob.Http.SendAsync(new HttpRequestMessage(method, path));
            await OpenEoTestClient.ExpectErrorAsync(response, HttpStatusCode.NotFound, "JobNotFound");
        }
        using (var patch = await bob.Http.PatchAsJsonAsync($"jobs/{id}", new JsonObject { ["title"] = "bob's now" }))
            await OpenEoTestClient.ExpectErrorAsync(patch, HttpStatusCode.NotFound, "JobNotFound");
        Assert.Empty((await bob.GetJsonAsync("jobs"))["jobs"]!.AsArray());
        using (var graph = await bob.Http.GetAsync("process_graphs/alices_ndvi"))
            await OpenEoTestClient.ExpectErrorAsync(graph, HttpStatusCode.NotFound, "ProcessGraphNotFound");
        Assert.Empty((await bob.GetJsonAsync("process_graphs"))["processes"]!.AsArray());

        // Alice's job is untouched by Bob's tries, and listed for her.
        var job = await alice.GetJobAsync(id);
        Assert.Equal("created", job["status"]!.GetValue<string>());
        Assert.Equal("alice's", job["title"]!.GetValue<string>());
        Assert.Contains((await alice.GetJsonAsync("jobs"))["jobs"]!.AsArray(), j => j!["id"]!.GetValue<string>() == id);
        using var anonymous = fixture.Anonymous;
        using (var noCredentials = await anonymous.Http.GetAsync("jobs"))
            await OpenEoTestClient.ExpectErrorAsync(noCredentials, HttpStatusCode.Unauthorized, "AuthenticationRequired");
        await alice.Responses.AssertValidAsync();
        await bob.Responses.AssertValidAsync();
        await anonymous.Responses.AssertValidAsync();
    }

    [Fact]
    public async Task Invalid_graphs_are_refused_with_openEO_error_codes_and_validation_lists_them()
    {
        using var alice = fixture.Alice;
        var cases = new[] { (Graphs.Unsupported(), "ProcessUnsupported"), (Graphs.DanglingReference(), "ProcessGraphInvalid") };
        foreach (var (graph, code) in cases)
        {
            using (var result = await alice.Http.PostAsJsonAsync("result", new JsonObject { ["process"] = graph.DeepClone() }))
                await OpenEoTestClient.ExpectErrorAsync(result, HttpStatusCode.BadRequest, code);
            using (var job = await alice.Http.PostAsJsonAsync("jobs", new JsonObject { ["process"] = graph.DeepClone() }))
                await OpenEoTestClient.ExpectErrorAsync(job, HttpStatusCode.BadRequest, code);
            using var validation = await alice.Http.PostAsJsonAsync("validation", graph.DeepClone());
            await OpenEoTestClient.ExpectAsync(validation, HttpStatusCode.OK);
            var errors = (await validation.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
            Assert.Contains(errors, e => e!["code"]!.GetValue<string>() == code);
        }
        using var valid = await alice.Http.PostAsJsonAsync("validation", Graphs.MaxNdvi());
        Assert.Empty((await valid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray());
        using var missing = await alice.Http.PostAsJsonAsync("result", new JsonObject { ["process"] = new JsonObject() });
        await OpenEoTestClient.ExpectErrorAsync(missing, HttpStatusCode.BadRequest, "ProcessGraphMissing");
        await alice.Responses.AssertValidAsync();
    }

    [Fact]
    public async Task A_job_can_be_updated_logged_estimated_and_deleted_with_its_results()
    {
        using var alice = fixture.Alice;
        var id = await alice.CreateJobAsync(Graphs.MaxNdvi(), "first title");
        using (var patch = await alice.Http.PatchAsJsonAsync($"jobs/{id}", new JsonObject { ["title"] = "second title", ["description"] = "max NDVI" }))
            await OpenEoTestClient.ExpectAsync(patch, HttpStatusCode.NoContent);
        var job = await alice.GetJobAsync(id);
        Assert.Equal("second title", job["title"]!.GetValue<string>());
        Assert.Equal("max NDVI", job["description"]!.GetValue<string>());
        Assert.NotNull(job["process"]?["process_graph"]?["save"]);
        Assert.NotNull((await alice.GetJsonAsync($"jobs/{id}/estimate"))["costs"]);

        await alice.StartAsync(id);
        await alice.WaitForStatusAsync(id, JobTimeout, "finished");
        var logs = await alice.GetJsonAsync($"jobs/{id}/logs");
        var entries = logs["logs"]!.AsArray();
        Assert.Contains(entries, e => e!["message"]!.GetValue<string>().Contains("finished", StringComparison.Ordinal));
        var lastId = entries[^1]!["id"]!.GetValue<string>();
        Assert.Empty((await alice.GetJsonAsync($"jobs/{id}/logs?offset={lastId}"))["logs"]!.AsArray());
        Assert.All((await alice.GetJsonAsync($"jobs/{id}/logs?level=error"))["logs"]!.AsArray(), e => Assert.Equal("error", e!["level"]!.GetValue<string>()));
        var resultFolder = Path.Combine(fixture.Silo.DataDirectory, "objects", "openeo", "jobs", id);
        Assert.NotEmpty(Directory.GetFiles(resultFolder));

        using (var delete = await alice.Http.DeleteAsync($"jobs/{id}"))
            await OpenEoTestClient.ExpectAsync(delete, HttpStatusCode.NoContent);
        using (var gone = await alice.Http.GetAsync($"jobs/{id}"))
            await OpenEoTestClient.ExpectErrorAsync(gone, HttpStatusCode.NotFound, "JobNotFound");
        Assert.DoesNotContain((await alice.GetJsonAsync("jobs"))["jobs"]!.AsArray(), j => j!["id"]!.GetValue<string>() == id);
        Assert.False(Directory.Exists(resultFolder) && Directory.EnumerateFiles(resultFolder).Any(), "the deleted job's results are gone");
        Assert.Contains(fixture.Silo.OutputLines, l => l.Contains("Audit openeo.job.delete", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
        await alice.Responses.AssertValidAsync();
    }

    [Fact]
    public async Task User_defined_processes_are_stored_listed_and_deleted_and_predefined_ids_are_refused()
    {
        using var alice = fixture.Alice;
        using (var predefined = await alice.Http.PutAsJsonAsync("process_graphs/ndvi", Graphs.MaxNdvi()))
            await OpenEoTestClient.ExpectErrorAsync(predefined, HttpStatusCode.BadRequest, "PredefinedProcessExists");
        using (var invalid = await alice.Http.PutAsJsonAsync("process_graphs/broken", Graphs.Unsupported()))
            await OpenEoTestClient.ExpectErrorAsync(invalid, HttpStatusCode.BadRequest, "ProcessUnsupported");
        var stored = Graphs.MaxNdvi();
        stored["summary"] = "Max NDVI";
        using (var put = await alice.Http.PutAsJsonAsync("process_graphs/max_ndvi", stored))
            await OpenEoTestClient.ExpectAsync(put, HttpStatusCode.OK);
        var read = await alice.GetJsonAsync("process_graphs/max_ndvi");
        Assert.Equal("max_ndvi", read["id"]!.GetValue<string>());
        Assert.NotNull(read["process_graph"]?["save"]);
        var listed = Assert.Single((await alice.GetJsonAsync("process_graphs"))["processes"]!.AsArray(), p => p!["id"]!.GetValue<string>() == "max_ndvi")!;
        Assert.Equal("Max NDVI", listed["summary"]!.GetValue<string>());
        Assert.Null(listed["process_graph"]);
        using (var delete = await alice.Http.DeleteAsync("process_graphs/max_ndvi"))
            await OpenEoTestClient.ExpectAsync(delete, HttpStatusCode.NoContent);
        using (var gone = await alice.Http.GetAsync("process_graphs/max_ndvi"))
            await OpenEoTestClient.ExpectErrorAsync(gone, HttpStatusCode.NotFound, "ProcessGraphNotFound");
        await alice.Responses.AssertValidAsync();
    }

    private void AssertEqualsProductAndReference(Pixels result, string what)
    {
        var sceneId = fixture.SceneIds.Single();
        var product = Pixels.Read(Assert.Single(ProductOutputs.DataFiles(fixture.Silo.DataDirectory, sceneId, "ndvi")));
        var scene = Path.Combine(fixture.Silo.DataDirectory, "objects", "scenes", sceneId);
        var reference = Pixels.Ndvi(Pixels.Read(Path.Combine(scene, "red.tif")), Pixels.Read(Path.Combine(scene, "nir.tif")));
        // The product stores NDVI x 10,000 as integers: within its quantization (half of 1e-4) plus float rounding.
        var compared = result.AssertClose(product, 1e-4, $"{what} vs the ndvi product");
        result.AssertClose(reference, 1e-5, $"{what} vs NDVI computed here from the staged bands");
        output.WriteLine($"{what}: {compared} pixels agree");
    }
}
