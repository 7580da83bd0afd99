using System.Diagnostics;
using System.Globalization;
using Actors.Client;

namespace Actors.Bench.Cluster;

/// <summary>
/// One silo process (<c>dotnet Actors.Silo.dll</c>) on free loopback ports with a data folder of its own, logging
/// warnings and errors only (so the benchmark does not time console output) into a file beside that folder.
/// </summary>
public sealed class SiloNode : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly List<SiloLogEntry> _problems = [];
    private bool _logClosed;
    private bool _continuesProblem;

    private SiloNode(string name, Process process, StreamWriter log, string logPath, Uri baseAddress, int gatewayPort)
    {
        (Name, _process, _log, LogPath, BaseAddress, GatewayPort) = (name, process, log, logPath, baseAddress, gatewayPort);
        Client = new SiloClient(baseAddress);
    }

    /// <summary>The silo's configured name (<c>Silo__InstanceId</c>).</summary>
    public string Name { get; }

    /// <summary>Where the silo's HTTP API listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Its Orleans gateway port, where Orleans clients connect.</summary>
    public int GatewayPort { get; }

    /// <summary>The file holding everything the silo wrote.</summary>
    public string LogPath { get; }

    /// <summary>An HTTP client of this silo.</summary>
    public SiloClient Client { get; }

    /// <summary>User + system CPU time the silo process used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    /// <summary>Entries the silo logged at warning level or above, each with its message.</summary>
    public IReadOnlyList<SiloLogEntry> Problems
    {
        get
        {
            lock (_problems) return [.. _problems];
        }
    }

    /// <summary>
    /// Starts <paramref name="siloAssembly"/> as silo <paramref name="name"/> keeping its data under
    /// <paramref name="root"/>, with <paramref name="environment"/> added (cluster settings), and waits until
    /// <c>/health</c> answers.
    /// </summary>
    /// <exception cref="InvalidOperationException">The silo exited or did not answer in time; carries its last output.</exception>
    public static async Task<SiloNode> StartAsync(
        string siloAssembly, string name, string root, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(root, name);
        Directory.CreateDirectory(dataDirectory);
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.Next()}/");
        var (siloPort, gatewayPort) = (LoopbackPorts.Next(), LoopbackPorts.Next());
        var start = new ProcessStartInfo(DotnetHost())
        {
            // Beside the data folder: a silo that ignored Silo__DataDirectory still would not write into the repository.
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { siloAssembly, "--urls", baseAddress.GetLeftPart(UriPartial.Authority) }) start.ArgumentList.Add(argument);
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["Silo__DataDirectory"] = dataDirectory;
        start.Environment["Silo__InstanceId"] = name;
        start.Environment["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // One line and a time per entry, so a warning can be placed against the phase of the benchmark that was running.
        // The formatter options apply only once the formatter is named.
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        start.Environment["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var logPath = Path.Combine(root, name + ".log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var node = new SiloNode(name, process, log, logPath, baseAddress, gatewayPort);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!process.HasExited && !await node.Client.HealthAsync(cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                await node.DisposeAsync();
                throw new InvalidOperationException($"Silo {name} did not answer /health within {StartTimeout.TotalSeconds:0} s; see {logPath}.");
            }
            await Task.Delay(200, cancellationToken);
        }
        if (process.HasExited)
        {
            var code = process.ExitCode;
            await node.DisposeAsync();
            throw new InvalidOperationException($"Silo {name} exited with code {code} during start-up:\n{Tail(logPath)}");
        }
        return node;
    }

    /// <summary>Stops the silo gracefully (SIGTERM: leave the cluster), killing it if it has not exited after a while.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            PosixSignals.Send(_process.Id, PosixSignals.Terminate);
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        // The output handlers may still be running; the writer is closed under the same lock they take.
        lock (_problems)
        {
            _logClosed = true;
            _log.Dispose();
        }
        _process.Dispose();
        Client.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_problems)
        {
            if (!_logClosed) _log.WriteLine(line);
            if (SiloLogEntry.TryParse(Name, line) is { } entry)
            {
                _problems.Add(entry);
                _continuesProblem = true;
            }
            // The silo's console formatter puts the message on indented lines under the level and category.
            else if (_continuesProblem && line.StartsWith(' '))
                _problems[^1] = _problems[^1].Continued(line);
            else
                _continuesProblem = false;
        }
    }

    private static string Tail(string path) => string.Join('\n', File.ReadLines(path).TakeLast(40));

    // Started as `dotnet Actors.Bench.dll` the process path is the muxer itself: run the silo with the same one.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
