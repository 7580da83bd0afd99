using Actors.Raster.Gdal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Storage;

/// <summary>
/// Points GDAL's <c>/vsis3/</c> at the configured S3 endpoint and credentials, so staged bands and
/// <c>s3://</c> acquisition items and assets are read in place. Applied at start whenever an <c>S3</c>
/// section is configured, even with the local object store (inputs may still live in S3).
/// </summary>
public sealed class S3GdalAccess(IConfiguration configuration, IOptions<S3Options> options) : IHostedService
{
    /// <summary>Sets GDAL's AWS options from <paramref name="o"/>.</summary>
    public static void Configure(S3Options o)
    {
        GdalRuntime.SetConfigOption("AWS_ACCESS_KEY_ID", o.AccessKey);
        GdalRuntime.SetConfigOption("AWS_SECRET_ACCESS_KEY", o.SecretKey);
        GdalRuntime.SetConfigOption("AWS_REGION", o.Region);
        if (string.IsNullOrWhiteSpace(o.ServiceUrl)) return;
        var endpoint = new Uri(o.ServiceUrl);
        GdalRuntime.SetConfigOption("AWS_S3_ENDPOINT", endpoint.Authority);
        GdalRuntime.SetConfigOption("AWS_HTTPS", endpoint.Scheme == "https" ? "YES" : "NO");
        GdalRuntime.SetConfigOption("AWS_VIRTUAL_HOSTING", "FALSE");
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetSection(S3Options.Section).Exists()) Configure(options.Value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
