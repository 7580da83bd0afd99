using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Grains.Catalog;
using Actors.Processing.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests;

/// <summary>The grains with their state and catalog in a real PostgreSQL (<c>Silo:Store = postgres</c>).</summary>
public sealed class PostgresGrainBehaviourTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "eo-pg-grains-" + Guid.NewGuid().ToString("N"));
    private SampleScene _sample = null!;

    public async Task InitializeAsync() =>
        _sample = await new SyntheticSceneGenerator().GenerateAsync(Path.Combine(_root, "sample"), 512, seed: 12);

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private Dictionary<string, string?> Settings => new()
    {
        ["Silo:Store"] = "postgres",
        ["ConnectionStrings:Postgres"] = postgres.ConnectionString,
    };

    [Fact]
    public async Task Repeated_acceptances_compute_once_and_a_restarted_silo_sees_the_same_state()
    {
        var data = Path.Combine(_root, "data");
        await using (var silo = await SiloHarness.StartAsync(data, Settings))
        {
            await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => silo.AcceptAsync(_sample.ItemPath)));
            var status = await silo.WaitFinishedAsync(_sample.ItemId);
            Assert.All(status.Products, p => Assert.Equal((ProductStates.Completed, 1), (p.State, p.Computations)));
            foreach (var product in ProductNames.All)
                Assert.Single(await silo.Services.GetRequiredService<IStacCatalog>().GetItemsAsync(product, 100, 0, CancellationToken.None));
        }

        await using var restarted = await SiloHarness.StartAsync(data, Settings);
        var again = await restarted.AcceptAsync(_sample.ItemPath);
        Assert.True(again.AlreadyKnown);
        var after = await restarted.WaitFinishedAsync(_sample.ItemId);
        Assert.All(after.Products, p => Assert.Equal(1, p.Computations));
        Assert.Equal(0, restarted.LogLinesContaining("Computing"));
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_a_clear_start_up_error()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SiloHarness.StartAsync(Path.Combine(_root, "nope"), new Dictionary<string, string?> { ["Silo:Store"] = "postgres" }));
        Assert.Contains("ConnectionStrings__Postgres", error.Message);
    }
}
