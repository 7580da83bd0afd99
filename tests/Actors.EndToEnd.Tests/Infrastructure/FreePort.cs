using System.Net;
using System.Net.Sockets;

namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>Picks a loopback TCP port nobody listens on, so parallel test classes each get their own silo.</summary>
public static class FreePort
{
    /// <summary>A port the OS just handed out for 127.0.0.1.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
