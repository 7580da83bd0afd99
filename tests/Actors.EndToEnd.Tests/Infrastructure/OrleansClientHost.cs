using Actors.Client.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>A started host with the Orleans client SDK connected to one silo's gateway, stopped on dispose.</summary>
public sealed class OrleansClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private OrleansClientHost(IHost host) => _host = host;

    /// <summary>The SDK client.</summary>
    public OrleansSiloClient Client => _host.Services.GetRequiredService<OrleansSiloClient>();

    /// <summary>
    /// Starts a client of the silo whose gateway listens on <paramref name="gatewayPort"/>, its calls carrying
    /// <paramref name="accessToken"/> when given.
    /// </summary>
    public static async Task<OrleansClientHost> StartAsync(int gatewayPort, string? accessToken = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddOrleansSiloClient(o =>
        {
            o.Gateways.Add($"127.0.0.1:{gatewayPort}");
            o.AccessToken = accessToken;
        });
        var host = builder.Build();
        await host.StartAsync();
        return new OrleansClientHost(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
