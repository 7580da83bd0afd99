using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Client;
using Actors.EndToEnd.Tests.Infrastructure;
using Actors.Processing.Samples;

namespace Actors.EndToEnd.Tests.Security;

/// <summary>
/// Issue 11 against a real silo, whose only local root is its test folder: hrefs to the silo's own files, devices
/// and links out of the root are 400 with a JSON error quoting nothing of the file, and nothing is queued;
/// <c>eoctl publish</c> of a local file sends it inline, so its assets are what the silo checks.
/// </summary>
public sealed class HrefPolicyTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private string Root => Path.GetDirectoryName(Path.GetFullPath(fixture.Silo.DataDirectory))!;

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../../etc/shadow")]
    [InlineData("file:///etc/shadow")]
    [InlineData("/dev/zero")]
    public async Task The_silos_own_files_are_400_without_their_content_and_nothing_is_queued(string href)
    {
        var (status, text) = await PostAsync(new JsonObject { ["itemHref"] = href });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = JsonNode.Parse(text)!["error"]!.GetValue<string>();
        Assert.Contains("outside the allowed local roots", error);
        AssertQuotesNoSystemFile(text);
        await AssertNothingQueuedAsync();
    }

    [Fact]
    public async Task A_link_inside_the_root_to_a_system_file_is_400_without_its_content()
    {
        var link = Path.Combine(Root, $"passwd-{Guid.NewGuid():N}.json");
        File.CreateSymbolicLink(link, "/etc/passwd");

        var (status, text) = await PostAsync(new JsonObject { ["itemHref"] = link });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("does not lead to a file inside the allowed local roots", JsonNode.Parse(text)!["error"]!.GetValue<string>());
        AssertQuotesNoSystemFile(text);
        await AssertNothingQueuedAsync();
    }

    [Fact]
    public async Task An_inline_item_with_an_asset_outside_the_root_is_400_and_its_scene_does_not_exist()
    {
        var item = await ItemAsync();
        item["id"] = "href-policy-asset";
        item["assets"]!["nir"]!["href"] = "/etc/passwd";

        var (status, text) = await PostAsync(new JsonObject { ["item"] = item });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("asset of band nir is refused", JsonNode.Parse(text)!["error"]!.GetValue<string>());
        var missing = await Assert.ThrowsAsync<SiloApiException>(() => fixture.Silo.Client.GetSceneAsync("href-policy-asset"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Eoctl_publish_sends_a_local_item_inline_and_the_silo_checks_its_assets()
    {
        var sample = await fixture.Samples.GenerateAsync(size: 96, seed: 811);
        using var elsewhere = new TempDirectory("href-cli");
        // Outside the silo's root: the silo could not read this file, eoctl sends it. Its assets are in the root.
        var item = await ItemAsync(sample);
        item["id"] = "href-policy-cli";
        var itemPath = Path.Combine(elsewhere.Path, "item.json");
        await File.WriteAllTextAsync(itemPath, item.ToJsonString());
        var server = fixture.Silo.BaseAddress.ToString();

        var published = await CliProcess.RunAsync(CommandTimeout, "publish", itemPath, "--products", "ndvi", "--server", server);
        Assert.True(published.ExitCode == 0, published.ToString());
        Assert.Equal("href-policy-cli", published.StandardOutput.Trim());
        Assert.NotNull(await fixture.Silo.Client.GetSceneAsync("href-policy-cli"));

        // The same file by href is outside the root.
        var (status, _) = await PostAsync(new JsonObject { ["itemHref"] = itemPath });
        Assert.Equal(HttpStatusCode.BadRequest, status);

        // A relative asset resolves against the file's own path, here out of the root: refused, exit code 2.
        item["id"] = "href-policy-cli-relative";
        item["assets"]!["red"]!["href"] = "./red.tif";
        await File.WriteAllTextAsync(itemPath, item.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(elsewhere.Path, "red.tif"), "not for the silo");
        var refused = await CliProcess.RunAsync(CommandTimeout, "publish", itemPath, "--products", "ndvi", "--server", server);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("outside the allowed local roots", refused.StandardError);
    }

    private async Task<(HttpStatusCode Status, string Text)> PostAsync(JsonObject body)
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.PostAsync("api/acquisitions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonObject> ItemAsync(SampleScene? sample = null)
    {
        sample ??= await fixture.Samples.GenerateAsync(size: 96, seed: 811);
        var item = JsonNode.Parse(await File.ReadAllTextAsync(sample.ItemPath))!.AsObject();
        // Absolute asset hrefs, so the item can travel inline or be copied elsewhere.
        foreach (var (_, asset) in item["assets"]!.AsObject())
        {
            var href = asset!["href"]!.GetValue<string>();
            if (!Path.IsPathRooted(href)) asset["href"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sample.ItemPath)!, href));
        }
        return item;
    }

    // No line of /etc/passwd (readable by the test) appears in the answer.
    private static void AssertQuotesNoSystemFile(string answer)
    {
        foreach (var line in File.ReadLines("/etc/passwd").Where(l => l.Length > 8))
            Assert.DoesNotContain(line, answer);
        Assert.DoesNotContain("root:x:0", answer);
    }

    // No scene was accepted by this class's refusals (the scene grain logs every acceptance) and the silo is healthy.
    private async Task AssertNothingQueuedAsync()
    {
        Assert.DoesNotContain(fixture.Silo.OutputLines, line =>
            line.Contains("Accepted acquisition of", StringComparison.Ordinal) && !line.Contains("href-policy-cli", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        Assert.True((await http.GetAsync("health")).IsSuccessStatusCode);
    }
}
