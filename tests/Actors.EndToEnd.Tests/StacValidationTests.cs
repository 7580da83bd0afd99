using System.Diagnostics;
using System.Text.Json;
using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests;

/// <summary>
/// What the silo serves is valid STAC: every collection, and every item as the API returns it (with its
/// links), validated by ajv against the offline STAC 1.1 core and extension schemas it declares.
/// </summary>
public sealed class StacValidationTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private static readonly string ValidatorDirectory = Path.Combine(BuiltArtifacts.RepositoryRoot, "tests", "stac-validation");

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
            files.Add(await SaveAsync(folder.Path, $"collection-{id}.json", collection));
            foreach (var item in (await silo.Client.GetItemsAsync(id)).GetProperty("features").EnumerateArray())
                files.Add(await SaveAsync(folder.Path, $"item-{id}-{files.Count}.json", item));
        }
        Assert.Equal(3 + 3, files.Count); // scenes, water-bodies, ndvi: one item each

        var (exitCode, output) = await RunValidatorAsync(files);
        Assert.True(exitCode == 0, output);
        Assert.Equal(files.Count, output.Split('\n').Count(l => l.StartsWith("valid ", StringComparison.Ordinal)));
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
        var (exitCode, output) = await RunValidatorAsync([path]);
        Assert.Equal(1, exitCode);
        Assert.Contains("proj:code", output);
    }

    private static async Task<string> SaveAsync(string folder, string name, JsonElement document)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, document.GetRawText());
        return path;
    }

    private static async Task<(int ExitCode, string Output)> RunValidatorAsync(IEnumerable<string> files)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(ValidatorDirectory, "validate.mjs"));
        start.ArgumentList.Add(Path.Combine(ValidatorDirectory, "schemas"));
        foreach (var file in files) start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout + await stderr);
    }
}
