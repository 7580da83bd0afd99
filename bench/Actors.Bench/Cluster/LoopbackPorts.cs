using System.Net;
using System.Net.Sockets;

namespace Actors.Bench.Cluster;

/// <summary>Free loopback TCP ports, so a benchmark's silos never collide with silos of a test run on the same machine.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port the OS just handed out for 127.0.0.1 and nobody listens on.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
