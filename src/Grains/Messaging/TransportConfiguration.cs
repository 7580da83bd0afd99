using Actors.Grains.Configuration;
using MassTransit;
using Microsoft.Extensions.Configuration;

namespace Actors.Grains.Messaging;

/// <summary>Chooses the message transport from configuration: in-memory (embedded default) or RabbitMQ (cluster).</summary>
public static class TransportConfiguration
{
    /// <summary>The transport named by <c>Silo:Transport</c>.</summary>
    public static string TransportOf(IConfiguration configuration) =>
        (configuration.GetSection(SiloOptions.Section)[nameof(SiloOptions.Transport)] ?? SiloOptions.InMemoryTransport).ToLowerInvariant();

    /// <summary>
    /// Configures the bus for the transport named by <c>Silo:Transport</c>. RabbitMQ uses durable queues,
    /// publisher confirms (a publish returns only once the broker has the message) and the broker at
    /// <c>ConnectionStrings:RabbitMq</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Unknown transport, or RabbitMQ without a valid connection string.</exception>
    public static void UsingConfiguredTransport(this IBusRegistrationConfigurator bus, IConfiguration configuration)
    {
        switch (TransportOf(configuration))
        {
            case SiloOptions.InMemoryTransport:
                bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
                break;
            case SiloOptions.RabbitMqTransport:
                var broker = BrokerAddress(configuration.GetConnectionString("RabbitMq"));
                bus.UsingRabbitMq((context, transport) =>
                {
                    transport.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
                    {
                        host.Username(broker.Username);
                        host.Password(broker.Password);
                        host.PublisherConfirmation = true;
                        host.ConnectionName(Environment.MachineName);
                    });
                    transport.ConfigureEndpoints(context);
                });
                break;
            default:
                throw new InvalidOperationException(
                    $"Unknown Silo:Transport '{TransportOf(configuration)}': use '{SiloOptions.InMemoryTransport}' or '{SiloOptions.RabbitMqTransport}'.");
        }
    }

    private static (string Host, int Port, string VirtualHost, string Username, string Password) BrokerAddress(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Silo:Transport is 'rabbitmq' but ConnectionStrings:RabbitMq (env: ConnectionStrings__RabbitMq) is not set.");
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "rabbitmq"))
            throw new InvalidOperationException($"ConnectionStrings:RabbitMq must look like amqp://user:password@host:port/vhost, not '{connectionString}'.");
        var credentials = uri.UserInfo.Split(':', 2);
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return (uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 5672 : uri.Port, virtualHost.Length == 0 ? "/" : virtualHost,
            credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest",
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest");
    }
}
