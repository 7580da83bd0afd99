using System.Text.Json.Nodes;
using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.Stac;

/// <summary>
/// What the silo serves is valid STAC: every collection, and every item as the API returns it (with its
/// links), validated by ajv against the offline STAC 1.1 core and extension schemas it declares.
/// </summary>
public sealed class StacValidationTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task Served_collections_and_items_validate_against_the_stac_1_1_and_extension_schemas()
    {
        var silo = fixture.Silo;
        var sample = await fixture.Samples.GenerateAsync(size: 512, seed: 77);
        var sceneId = (await silo.Client.PublishAsync(new AcquisitionRequest { ItemHref = sample.ItemPath })).SceneId;
        var scene = await silo.Client.WaitForSceneAsync(sceneId, TimeSpan.FromMinutes(2));
        Assert.False(scene.HasFailures);

        using var folder = new TempDirectory("stac");
        var files = new List<string>();
        var collections = await silo.Client.GetCollectionsAsync();
        foreach (var collection in collections.GetProperty("collections").EnumerateArray())
        {
            var id = collection.GetProperty("id").GetString()!;
            files.Add(await StacValidator.SaveAsync(folder.Path, $"collection-{id}.json", JsonNode.Parse(collection.GetRawText())!));
            foreach (var item in (await silo.Client.GetItemsAsync(id)).GetProperty("features").EnumerateArray())
                files.Add(await StacValidator.SaveAsync(folder.Path, $"item-{id}-{files.Count}.json", JsonNode.Parse(item.GetRawText())!));
        }
        Assert.Equal(3 + 3, files.Count); // scenes, water-bodies, ndvi: one item each

        var (exitCode, output) = await StacValidator.ValidateDocumentsAsync(files);
        Assert.True(exitCode == 0, output);
        Assert.Equal(files.Count, output.Split('\n').Count(l => l.StartsWith("valid ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Transactions_are_off_unless_enabled()
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseAddress };
        using var write = await http.PostAsync("stac/collections", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, write.StatusCode);
        var conformance = await http.GetStringAsync("stac/conformance");
        Assert.Contains("item-search", conformance);
        Assert.DoesNotContain("transaction", conformance);
    }

    [Fact]
    public async Task The_validator_rejects_an_item_that_breaks_the_schemas()
    {
        using var folder = new TempDirectory("stac-bad");
        var broken = """
            {"type":"Feature","stac_version":"1.1.0","id":"x","geometry":null,"properties":{"datetime":null,"proj:code":5},
             "links":[],"assets":{},"stac_extensions":["https://stac-extensions.github.io/projection/v2.0.0/schema.json"]}
            """;
        var path = Path.Combine(folder.Path, "broken.json");
        await File.WriteAllTextAsync(path, broken);
        var (exitCode, output) = await StacValidator.ValidateDocumentsAsync([path]);
        Assert.Equal(1, exitCode);
        Assert.Contains("proj:code", output);
    }
}
