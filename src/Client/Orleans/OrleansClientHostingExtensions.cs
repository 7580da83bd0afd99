using System.Net;
using Actors.Abstractions.Streams;
using Actors.Streaming.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Actors.Client.Orleans;

/// <summary>Registers <see cref="OrleansSiloClient"/> (and <see cref="ISiloClient"/>) on a host.</summary>
public static class OrleansClientHostingExtensions
{
    /// <summary>
    /// Makes the host an Orleans client of the cluster described by <paramref name="configure"/> and registers
    /// <see cref="OrleansSiloClient"/>; the client connects when the host starts.
    /// </summary>
    /// <exception cref="ArgumentException">Neither a PostgreSQL connection string nor a gateway is given, or a gateway is not <c>host:port</c>.</exception>
    public static IHostApplicationBuilder AddOrleansSiloClient(this IHostApplicationBuilder builder, Action<OrleansConnectionOptions> configure)
    {
        var options = new OrleansConnectionOptions();
        configure(options);
        if (string.IsNullOrWhiteSpace(options.PostgresConnectionString) && options.Gateways.Count == 0)
            throw new ArgumentException("Give the cluster's PostgreSQL connection string or at least one gateway (host:port).", nameof(configure));
        var gateways = options.Gateways.Select(ParseGateway).ToArray();
        builder.UseOrleansClient(client =>
        {
            if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString))
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", options.PostgresConnectionString));
            else
                client.UseStaticClustering(gateways);
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
            if (string.IsNullOrWhiteSpace(options.RedisConnectionString))
                client.AddMemoryStreams(StreamNames.Provider);
            else
                client.AddRedisStreams(StreamNames.Provider, stream => stream.Configure(o =>
                    (o.ConnectionString, o.KeyPrefix, o.QueueCount) = (options.RedisConnectionString, options.RedisQueues.KeyPrefix, options.RedisQueues.Count)));
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<OrleansSiloClient>();
        builder.Services.AddSingleton<ISiloClient>(sp => sp.GetRequiredService<OrleansSiloClient>());
        return builder;
    }

    private static IPEndPoint ParseGateway(string gateway)
    {
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(gateway[(colon + 1)..], out var port))
            throw new ArgumentException($"Gateway '{gateway}' is not host:port.", nameof(gateway));
        var host = gateway[..colon];
        var address = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First();
        return new IPEndPoint(address, port);
    }
}
