using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Geometry;
using Actors.Client;
using Actors.EndToEnd.Tests.Infrastructure;
using Actors.Processing.Samples;

namespace Actors.EndToEnd.Tests;

/// <summary>
/// Bad input gets a clear answer (400 at the API, or a failed product with the reason) and the silo
/// keeps serving.
/// </summary>
public sealed class BadInputTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Requests the API must reject; the sample's item path replaces <c>{item}</c>.</summary>
    public static TheoryData<string, string, string> RejectedBodies => new()
    {
        // name, JSON body, a word the error message must contain (case-insensitive)
        { "malformed JSON", """{"itemHref": "{item}", """, "" },
        { "neither item nor href", """{"products": ["ndvi"]}""", "item" },
        { "not a STAC item", """{"item": {"hello": "world"}}""", "STAC" },
        { "STAC item href to a missing file", """{"itemHref": "{item}-missing.json"}""", "-missing.json" },
        { "unknown product", """{"itemHref": "{item}", "products": ["water-bodies", "snow-cover"]}""", "snow-cover" },
        { "AOI west of east", """{"itemHref": "{item}", "aoi": [13.6, 53.2, 13.5, 53.24]}""", "" },
        { "AOI with three numbers", """{"itemHref": "{item}", "aoi": [13.5, 53.2, 13.6]}""", "" },
        { "AOI outside WGS84", """{"itemHref": "{item}", "aoi": [13.5, 53.2, 213.6, 53.24]}""", "" },
    };

    [Theory]
    [MemberData(nameof(RejectedBodies))]
    public async Task Invalid_acquisition_is_rejected_with_400_and_a_clear_message_and_nothing_is_queued(string name, string body, string mustMention)
    {
        var sample = await SampleAsync();
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseAddress };

        using var response = await http.PostAsync(
            "api/acquisitions", new StringContent(body.Replace("{item}", sample.ItemPath), Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: expected 400, got {(int)response.StatusCode}");
        var error = await response.Content.ReadFromJsonAsync<ApiError>(SiloJson.Options);
        Assert.False(string.IsNullOrWhiteSpace(error?.Error), $"{name}: the 400 carries no error message");
        Assert.Contains(mustMention, error!.Error, StringComparison.OrdinalIgnoreCase);
        await AssertNoSceneAsync(GrainKeys.Scene(sample.ItemId, null));
    }

    [Fact]
    public async Task Aoi_rejection_queues_nothing_for_that_aoi()
    {
        var sample = await SampleAsync();
        var aoi = new Bbox(13.6, 53.2, 13.5, 53.24);

        var error = await Assert.ThrowsAsync<SiloApiException>(() => fixture.Silo.Client.PublishAsync(
            new AcquisitionRequest { ItemHref = sample.ItemPath, Aoi = aoi.ToArray() }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.ServerMessage));
        await AssertNoSceneAsync(GrainKeys.Scene(sample.ItemId, aoi));
    }

    [Fact]
    public async Task Missing_band_fails_ndvi_naming_the_band_while_water_bodies_completes()
    {
        var sample = await SampleAsync();
        var (itemPath, _) = await SampleLibrary.VariantAsync(sample, "no-red", assets => assets.Remove("red"));

        var final = await PublishAndWaitAsync(itemPath);

        var ndvi = Assert.Single(final.Products, p => p.Product == ProductNames.Ndvi);
        Assert.Equal(ProductStates.Failed, ndvi.State);
        Assert.Contains("red", ndvi.Reason ?? "", StringComparison.Ordinal);
        var water = Assert.Single(final.Products, p => p.Product == ProductNames.WaterBodies);
        Assert.True(water.State == ProductStates.Completed, $"water-bodies: {water.State} {water.Reason}");
    }

    [Fact]
    public async Task Unreadable_asset_fails_the_products_naming_the_file()
    {
        var sample = await SampleAsync();
        var (itemPath, _) = await SampleLibrary.VariantAsync(sample, "missing-nir",
            assets => assets["nir"]!["href"] = "./missing-nir.tif");

        var final = await PublishAndWaitAsync(itemPath);

        Assert.True(final.HasFailures);
        Assert.NotEmpty(final.Products);
        foreach (var product in final.Products)
        {
            Assert.True(product.State == ProductStates.Failed, $"{product.Product}: {product.State}");
            Assert.Contains("missing-nir.tif", product.Reason ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Silo_keeps_serving_and_processing_after_bad_input()
    {
        var client = fixture.Silo.Client;
        var sample = await SampleAsync();
        var (noRed, _) = await SampleLibrary.VariantAsync(sample, "keeps-serving-no-red", assets => assets.Remove("red"));
        var (noFile, _) = await SampleLibrary.VariantAsync(sample, "keeps-serving-no-file",
            assets => assets["green"]!["href"] = "./missing-green.tif");
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseAddress };
        using (await http.PostAsync("api/acquisitions", new StringContent("{{{", Encoding.UTF8, "application/json"))) { }
        await Assert.ThrowsAsync<SiloApiException>(() => client.PublishAsync(new AcquisitionRequest { Item = JsonSerializer.SerializeToElement(new { type = "Feature" }) }));
        var broken = await Task.WhenAll(
            client.PublishAsync(new AcquisitionRequest { ItemHref = noRed }),
            client.PublishAsync(new AcquisitionRequest { ItemHref = noFile }));
        foreach (var scene in broken) await client.WaitForSceneAsync(scene.SceneId, ProcessingTimeout);

        Assert.True(await client.HealthAsync());
        var good = await fixture.Samples.GenerateAsync(size: 256, seed: 302);
        var final = await PublishAndWaitAsync(good.ItemPath);
        Assert.False(final.HasFailures, string.Join("; ", final.Products.Select(p => $"{p.Product}={p.State} {p.Reason}")));
        Assert.All(final.Products, p => Assert.Equal(ProductStates.Completed, p.State));
    }

    private Task<SampleScene> SampleAsync() => fixture.Samples.GenerateAsync(size: 256, seed: 301);

    private async Task<SceneStatus> PublishAndWaitAsync(string itemPath)
    {
        var accepted = await fixture.Silo.Client.PublishAsync(new AcquisitionRequest { ItemHref = itemPath });
        return await fixture.Silo.Client.WaitForSceneAsync(accepted.SceneId, ProcessingTimeout);
    }

    private async Task AssertNoSceneAsync(string sceneId)
    {
        var error = await Assert.ThrowsAsync<SiloApiException>(() => fixture.Silo.Client.GetSceneAsync(sceneId));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }
}
