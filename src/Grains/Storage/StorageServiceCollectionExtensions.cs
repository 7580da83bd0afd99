using Actors.Grains.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Storage;

/// <summary>Chooses the object store: the local folder (embedded default) or S3.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the store named by <c>Silo:ObjectStore</c> (<c>local</c> or <c>s3</c>, configured by the <c>S3</c> section).</summary>
    /// <exception cref="InvalidOperationException">The store is unknown.</exception>
    public static IServiceCollection AddObjectStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<S3Options>(configuration.GetSection(S3Options.Section));
        services.AddHostedService<S3GdalAccess>();
        var store = configuration.GetSection(SiloSettings.Section)[nameof(SiloSettings.ObjectStore)] ?? SiloSettings.LocalObjectStore;
        switch (store.ToLowerInvariant())
        {
            case SiloSettings.LocalObjectStore:
                services.AddSingleton<IObjectStore, LocalFileObjectStore>();
                break;
            case SiloSettings.S3ObjectStore:
                services.AddSingleton<IObjectStore, S3ObjectStore>();
                break;
            default:
                throw new InvalidOperationException(
                    $"Unknown Silo:ObjectStore '{store}': use '{SiloSettings.LocalObjectStore}' or '{SiloSettings.S3ObjectStore}'.");
        }
        return services;
    }
}
