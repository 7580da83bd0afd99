using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Actors.EndToEnd.Tests;

/// <summary>A silo killed (SIGKILL) mid-computation resumes on restart; every product completes once.</summary>
public sealed class CrashRecoveryTests(SiloFixture fixture, ITestOutputHelper output) : IClassFixture<SiloFixture>
{
    private static readonly TimeSpan RunningTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Killing_the_silo_while_products_run_and_restarting_completes_every_product_once()
    {
        var silo = fixture.Silo;
        // Large scenes so products are still computing when the kill lands.
        var samples = await Task.WhenAll(new[] { 201, 202, 203 }.Select(seed => fixture.Samples.GenerateAsync(size: 2048, seed: seed)));
        var sceneIds = new List<string>();
        foreach (var sample in samples)
            sceneIds.Add((await silo.Client.PublishAsync(new AcquisitionRequest { ItemHref = sample.ItemPath })).SceneId);

        var atKill = await Eventually.GetAsync("any product to be reported running", RunningTimeout, async ct =>
        {
            var statuses = await Task.WhenAll(sceneIds.Select(id => silo.Client.GetSceneAsync(id, ct)));
            return statuses.Any(s => s.Products.Any(p => p.State == ProductStates.Running)) ? statuses : null;
        });
        silo.Kill();
        var interrupted = atKill.SelectMany(s => s.Products.Where(p => p.State == ProductStates.Running).Select(p => (s.SceneId, p.Product))).ToList();
        output.WriteLine($"killed with running: {string.Join(", ", interrupted)}; unfinished scenes: {atKill.Count(s => !s.IsFinished)}");

        await silo.StartAsync();
        var finals = new List<SceneStatus>();
        foreach (var sceneId in sceneIds)
            finals.Add(await silo.Client.WaitForSceneAsync(sceneId, RecoveryTimeout));

        foreach (var scene in finals)
            output.WriteLine($"{scene.SceneId}: {string.Join(", ", scene.Products.Select(p => $"{p.Product} {p.State} x{p.Computations}"))}");
        // The product seen running at the kill was interrupted, so the restarted silo must have computed it again.
        Assert.Contains(finals.SelectMany(s => s.Products.Select(p => (s.SceneId, p.Product, p.Computations))),
            p => interrupted.Contains((p.SceneId, p.Product)) && p.Computations > 1);
        foreach (var scene in finals)
        {
            Assert.False(scene.HasFailures, $"{scene.SceneId} failed: {scene.Reason}; {string.Join("; ", scene.Products.Select(p => $"{p.Product}={p.State} {p.Reason}"))}\n{silo.Tail()}");
            Assert.NotEmpty(scene.Products);
        }
        foreach (var scene in finals)
        {
            foreach (var product in scene.Products)
            {
                Assert.Equal(ProductStates.Completed, product.State);
                var items = ProductOutputs.ItemIds(await silo.Client.GetItemsAsync(product.Product));
                Assert.Equal(finals.Count, items.Count);
                Assert.Single(items, id => id.Contains(scene.SceneId, StringComparison.Ordinal));
                Assert.Single(ProductOutputs.DataFiles(silo.DataDirectory, scene.SceneId, product.Product));
            }
        }
    }
}
