using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Publishing;

/// <summary>Registers publishing outward (<see cref="StacPublishingOptions"/>).</summary>
public static class PublishingServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <c>Stac:Publish</c> (a bad URL stops the silo at start) and registers the named HTTP
    /// client and the Transactions client the publication grains use.
    /// </summary>
    public static IServiceCollection AddStacPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StacPublishingOptions>()
            .Bind(configuration.GetSection(StacPublishingOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StacPublishingOptions>, StacPublishingOptionsValidator>());
        services.AddHttpClient(StacPublishingOptions.HttpClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<StacPublishingOptions>>().Value.Timeout);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StacTransactionsClient>();
        return services;
    }

    private sealed class StacPublishingOptionsValidator : IValidateOptions<StacPublishingOptions>
    {
        public ValidateOptionsResult Validate(string? name, StacPublishingOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
