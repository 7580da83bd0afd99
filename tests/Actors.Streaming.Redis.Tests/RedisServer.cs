using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Actors.Streaming.Redis.Tests;

/// <summary>
/// A private <c>redis-server</c> on a free loopback port with its data in a temporary folder, started the way the
/// services start it (append-only file, fsync on every write), which a test can restart on the same data and port.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly DirectoryInfo directory;
    private Process? process;

    private RedisServer(int port, DirectoryInfo directory)
    {
        Port = port;
        this.directory = directory;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for the server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a server and waits until it answers.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install the Debian package redis-server.");
        }
        var server = new RedisServer(FreePort(), Directory.CreateTempSubdirectory("redis-streams-tests-"));
        await server.LaunchAsync();
        return server;
    }

    /// <summary>
    /// Kills the server (no shutdown save, as a crash would), leaves it down for <paramref name="downtime"/>, and starts
    /// it again on the same folder and port.
    /// </summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        await StopAsync();
        await Task.Delay(downtime);
        await LaunchAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        directory.Delete(recursive: true);
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo(Executable) { UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", directory.FullName,
            "--appendonly", "yes", "--appendfsync", "always", "--save", "",
            "--logfile", Path.Combine(directory.FullName, "redis.log"),
        })
        {
            start.ArgumentList.Add(argument);
        }
        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        await WaitUntilReadyAsync();
    }

    private async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {process.ExitCode}; see {Path.Combine(directory.FullName, "redis.log")}.");
            }
            if (await AnswersPingAsync())
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING.");
            }
            await Task.Delay(50);
        }
    }

    // PING answers -LOADING until the append-only file is replayed, so +PONG means the data is back too.
    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var reply = new byte[64];
            var read = await stream.ReadAsync(reply);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
