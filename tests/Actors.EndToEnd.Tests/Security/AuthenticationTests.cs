using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.Client;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.Security;

/// <summary>
/// A silo behind OIDC bearer tokens, with real RS256 tokens checked against a JWKS the test serves: who gets in,
/// what each role may do, and that users see only their own jobs and subscriptions.
/// </summary>
public sealed class AuthenticationTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private TestIdentityProvider Idp => fixture.Provider;

    [Fact]
    public async Task Requests_without_a_valid_token_are_401_with_a_json_reason()
    {
        var cases = new (string What, string? Token, string Reason)[]
        {
            ("no token", null, "Authentication required"),
            ("expired", Idp.Token("alice", ["reader"], expiresIn: TimeSpan.FromMinutes(-5)), "expired"),
            ("wrong audience", Idp.Token("alice", ["reader"], audience: "another-service"), "another audience"),
            ("wrong signature", Idp.Token("alice", ["reader"], forged: true), "signature"),
            ("not a token", "a.b.c", "not valid"),
            ("unknown API key", "just-some-key-that-is-long", "not a known API key"),
        };
        foreach (var (what, token, reason) in cases)
        {
            using var http = fixture.Http(token);
            foreach (var path in new[] { "api/scenes/x", "stac/collections", "api/jobs/x" })
            {
                using var response = await http.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what} on {path}: {response.StatusCode}");
                Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
                var body = await response.Content.ReadFromJsonAsync<JsonObject>();
                var message = (body?["error"] ?? body?["description"])?.GetValue<string>() ?? "";
                Assert.True(message.Contains(reason, StringComparison.OrdinalIgnoreCase), $"{what} on {path}: '{message}' should say '{reason}'");
            }
        }
        using var healthy = await fixture.Http(null).GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task Each_role_may_do_what_it_names_and_no_more()
    {
        using var reader = fixture.Http(Idp.Token("rita", ["reader"]));
        using var publisher = fixture.Http(Idp.Token("paul", ["publisher"]));
        using var admin = fixture.Http(Idp.Token("ada", ["admin"]));
        var acquisition = new { itemHref = fixture.Sample.ItemPath, products = new[] { "ndvi" } };

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("stac/collections")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("api/acquisitions", acquisition)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("api/cluster/silos")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await publisher.GetAsync("api/streams")).StatusCode);

        using var published = await publisher.PostAsJsonAsync("api/acquisitions", acquisition);
        Assert.Equal(HttpStatusCode.Accepted, published.StatusCode);
        var sceneId = (await published.Content.ReadFromJsonAsync<JsonObject>())!["sceneId"]!.GetValue<string>();
        // Scenes are shared data: any reader sees what a publisher made.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"api/scenes/{sceneId}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/cluster/silos")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("api/acquisitions", acquisition)).StatusCode);
        Assert.Contains(fixture.Silo.OutputLines, l => l.Contains("Audit acquisition.", StringComparison.Ordinal) && l.Contains("by paul", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dashboard_requires_the_administrator_role()
    {
        using var anonymous = fixture.Http(null);
        using var publisher = fixture.Http(Idp.Token("paul", ["publisher"]));
        using var admin = fixture.Http(Idp.Token("ada", ["admin"]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await publisher.GetAsync("dashboard/")).StatusCode);
        using var page = await admin.GetAsync("dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Users_see_only_their_own_jobs_and_subscriptions_and_administrators_see_all()
    {
        using var alice = fixture.Http(Idp.Token("alice", ["publisher"]));
        using var bob = fixture.Http(Idp.Token("bob", ["publisher"]));
        using var admin = fixture.Http(Idp.Token("ada", ["admin"]));

        using (var published = await alice.PostAsJsonAsync("api/acquisitions", new { itemHref = fixture.Sample.ItemPath, products = new[] { "ndvi" }, jobId = "job-of-a" }))
            Assert.Equal(HttpStatusCode.Accepted, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("api/jobs/job-of-a")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync("api/jobs/job-of-a")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/jobs/job-of-a")).StatusCode);
        // Bob cannot attach work to Alice's job either; the answer names no owner.
        using (var taken = await bob.PostAsJsonAsync("api/acquisitions", new { itemHref = fixture.Sample.ItemPath, products = new[] { "ndvi" }, jobId = "job-of-a" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
            Assert.DoesNotContain("alice", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var subscription = new { id = "alice-feed", source = "https://stac.example.org/stac", collections = new[] { "sentinel-2-l2a" }, products = new[] { "ndvi" } };
        using (var created = await alice.PostAsJsonAsync("api/subscriptions", subscription))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync("api/subscriptions/alice-feed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync("api/subscriptions/alice-feed/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync("api/subscriptions/alice-feed")).StatusCode);
        Assert.DoesNotContain("alice-feed", await bob.GetStringAsync("api/subscriptions"), StringComparison.Ordinal);
        Assert.Contains("alice-feed", await alice.GetStringAsync("api/subscriptions"), StringComparison.Ordinal);
        Assert.Contains("alice-feed", await admin.GetStringAsync("api/subscriptions"), StringComparison.Ordinal);
        var status = await alice.GetFromJsonAsync<JsonObject>("api/subscriptions/alice-feed");
        Assert.Equal("alice", status!["owner"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/subscriptions/alice-feed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("api/subscriptions/alice-feed")).StatusCode);
    }

    [Fact]
    public async Task The_orleans_client_path_applies_the_same_tokens_roles_and_owners()
    {
        using (var alice = fixture.Http(Idp.Token("alice", ["publisher"])))
            Assert.Equal(HttpStatusCode.Accepted, (await alice.PostAsJsonAsync("api/acquisitions",
                new { itemHref = fixture.Sample.ItemPath, products = new[] { "ndvi" }, jobId = "alice-orleans-job" })).StatusCode);

        await using (var none = await OrleansClientHost.StartAsync(fixture.Silo.GatewayPort))
        {
            var refused = await Assert.ThrowsAsync<SiloApiException>(() => none.Client.GetSceneAsync("anything"));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        await using (var forged = await OrleansClientHost.StartAsync(fixture.Silo.GatewayPort, Idp.Token("alice", ["admin"], forged: true)))
            Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<SiloApiException>(() => forged.Client.GetJobAsync("alice-orleans-job"))).StatusCode);
        await using (var reader = await OrleansClientHost.StartAsync(fixture.Silo.GatewayPort, Idp.Token("rita", ["reader"])))
        {
            var publish = await Assert.ThrowsAsync<SiloApiException>(() => reader.Client.PublishAsync(new() { ItemHref = fixture.Sample.ItemPath }));
            Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
            // Not hers: as if it did not exist, whatever caller she claims to be.
            Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<SiloApiException>(() => reader.Client.GetJobAsync("alice-orleans-job"))).StatusCode);
        }
        await using (var alice = await OrleansClientHost.StartAsync(fixture.Silo.GatewayPort, Idp.Token("alice", ["reader"])))
            Assert.Equal("alice-orleans-job", (await alice.Client.GetJobAsync("alice-orleans-job")).JobId);
    }

    [Fact]
    public async Task Eoctl_sends_its_token_and_status_exits_1_for_a_failed_scene()
    {
        var (itemPath, _) = await SampleLibrary.VariantAsync(fixture.Sample, "not-a-raster", assets =>
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(fixture.Sample.ItemPath)!, "not-a-raster.tif"), "plain text, no raster");
            assets["nir"]!["href"] = "./not-a-raster.tif";
        });
        var server = fixture.Silo.BaseAddress.ToString();
        var timeout = TimeSpan.FromMinutes(2);

        var anonymous = await CliProcess.RunAsync(timeout, "--server", server, "publish", itemPath, "--products", "ndvi");
        Assert.True(anonymous.ExitCode == 2, anonymous.ToString());
        Assert.Contains("401", anonymous.StandardError, StringComparison.Ordinal);

        var token = Idp.Token("carla", ["publisher"]);
        var published = await CliProcess.RunAsync(timeout, "--server", server, "--token", token, "publish", itemPath, "--products", "ndvi");
        Assert.True(published.ExitCode == 0, published.ToString());
        var sceneId = published.StandardOutput.Trim().Split('\n')[^1].Trim();
        var waited = await CliProcess.RunAsync(timeout, "--server", server, "--token", token, "wait", sceneId, "--timeout", "90");
        Assert.True(waited.ExitCode == 1, waited.ToString());
        var status = await CliProcess.RunAsync(timeout, "--server", server, "--token", token, "status", sceneId);
        Assert.True(status.ExitCode == 1, status.ToString());
    }
}
