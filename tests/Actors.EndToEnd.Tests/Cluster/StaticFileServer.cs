using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>
/// Serves a folder over HTTP on loopback with range requests, as a web server holding STAC items and
/// COGs would; GDAL's /vsicurl/ needs ranges, which Python's http.server lacks.
/// </summary>
public sealed class StaticFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticFileServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's root URL, ending in '/'.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts serving <paramref name="root"/> on a free loopback port.</summary>
    public static async Task<StaticFileServer> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var address = $"http://127.0.0.1:{Infrastructure.FreePort.Next()}";
        builder.WebHost.UseUrls(address);
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            ServeUnknownFileTypes = true,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
        });
        await app.StartAsync();
        return new StaticFileServer(app, new Uri(address + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
