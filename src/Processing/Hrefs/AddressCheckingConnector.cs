using Actors.Abstractions;
using System.Net;
using System.Net.Sockets;

namespace Actors.Processing.Hrefs;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the silo's outgoing reads: resolves the host itself,
/// checks every address it resolves to (<see cref="HrefPolicy.CheckAddress"/>) and connects only to a checked one.
/// Checking the address actually connected to — not the name, not an earlier lookup — is what stops DNS names that
/// resolve to private addresses (<c>localhost</c>, rebinding) and the cloud metadata endpoint.
/// </summary>
public sealed class AddressCheckingConnector(HrefPolicy policy)
{
    /// <summary>Opens the connection for <paramref name="context"/>.</summary>
    /// <exception cref="HrefRefusedException">The host resolves to an address the policy refuses.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0) throw new HttpRequestException($"'{EchoedText.Of(host)}' resolves to no address.");
        // Every address, not only the first: a name answering one public and one private address is refused whole.
        foreach (var address in addresses) policy.CheckAddress(host, address, port);

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw new HttpRequestException($"Cannot connect to '{EchoedText.Of(host)}' port {port}.", last);
    }
}
