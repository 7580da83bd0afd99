using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests;

/// <summary>A repeated acquisition event maps to one scene and makes each product exactly once.</summary>
public sealed class IdempotentPublishTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Publishing_the_same_acquisition_ten_times_concurrently_makes_each_product_once()
    {
        var client = fixture.Silo.Client;
        var sample = await fixture.Samples.GenerateAsync(size: 512, seed: 101);
        var request = new AcquisitionRequest { ItemHref = sample.ItemPath };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PublishAsync(request)));

        var sceneId = Assert.Single(responses.Select(r => r.SceneId).Distinct());
        Assert.Single(responses, r => !r.AlreadyKnown);
        var final = await client.WaitForSceneAsync(sceneId, ProcessingTimeout);
        Assert.False(final.HasFailures, $"scene failed: {final.Reason}; products: {string.Join("; ", final.Products.Select(p => $"{p.Product}={p.State} {p.Reason}"))}");
        Assert.Equal(ProductNames.All.Order(), final.Products.Select(p => p.Product).Order());

        foreach (var product in final.Products)
        {
            Assert.Equal(ProductStates.Completed, product.State);
            Assert.Equal(1, product.Computations);
            var items = ProductOutputs.ItemIds(await client.GetItemsAsync(product.Product));
            Assert.Single(items);
            Assert.Single(ProductOutputs.DataFiles(fixture.Silo.DataDirectory, sceneId, product.Product));
            Assert.True(
                ProductOutputs.ComputingLines(fixture.Silo.OutputLines, sceneId, product.Product).Count == 1,
                $"expected exactly one 'Computing' log line for {product.Product}.\n{fixture.Silo.Tail()}");
        }
    }
}
