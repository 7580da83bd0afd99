using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Actors.Processing.Tests.Hrefs;

/// <summary>
/// A raw HTTP/1.1 server on a loopback port: reads one request's head per connection and lets the test write the
/// answer byte by byte (redirects, endless or oversized bodies), then closes. Counts the requests it received.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, NetworkStream, CancellationToken, Task> _respond;
    private readonly Task _accepting;
    private int _requests;
    // Completed (and replaced) at each request, so a waiter wakes when one arrives instead of polling.
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts answering each request with <paramref name="respond"/>(path, stream, stop).</summary>
    public LoopbackHttpServer(Func<string, NetworkStream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Requests => Volatile.Read(ref _requests);

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>A 302 to <paramref name="location"/>.</summary>
    public static Task RedirectAsync(NetworkStream stream, string location, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), cancellationToken).AsTask();

    /// <summary>A 200 with <paramref name="body"/>.</summary>
    public static async Task OkAsync(NetworkStream stream, string body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n"), cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }

    public async Task WaitForRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            // Taken before the count is read, so a request arriving in between still wakes this waiter.
            var arrived = Volatile.Read(ref _arrived).Task;
            if (Requests >= count) return;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"{Requests} of {count} requests arrived.");
            try
            {
                await arrived.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{Requests} of {count} requests arrived.");
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                {
                    if (await stream.ReadAsync(buffer, _stop.Token) == 0) return;
                    head.Append((char)buffer[0]);
                }
                Interlocked.Increment(ref _requests);
                Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                var path = head.ToString().Split(' ')[1];
                await _respond(path, stream, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The client hung up or the server stops.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
