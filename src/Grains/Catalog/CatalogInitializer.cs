using Microsoft.Extensions.Hosting;

namespace Actors.Grains.Catalog;

/// <summary>Registers the collections before the silo takes work, so items always have a collection.</summary>
public sealed class CatalogInitializer(IStacCatalog catalog) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var collection in StacCollections.All()) await catalog.UpsertCollectionAsync(collection, cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
