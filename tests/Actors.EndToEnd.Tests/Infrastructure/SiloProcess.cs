using System.Diagnostics;
using Actors.Client;

namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real silo process (<c>dotnet Actors.Silo.dll</c>) on a loopback port with its own data folder.
/// It can be killed like a crash (SIGKILL) and started again on the same data folder and port.
/// Output of every run is kept, so tests can count log lines across restarts.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<string> _output = [];
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;

    /// <summary>
    /// Prepares a silo on a free port keeping its data in <paramref name="dataDirectory"/>, with extra
    /// <paramref name="environment"/> (cluster settings); call <see cref="StartAsync"/>. Its only local href root
    /// is the folder holding <paramref name="dataDirectory"/> (unless the environment sets <c>Hrefs__LocalRoots__0</c>).
    /// </summary>
    public SiloProcess(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        DataDirectory = dataDirectory;
        _environment = environment ?? new Dictionary<string, string>();
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        (SiloPort, GatewayPort) = (FreePort.Next(), FreePort.Next());
        Client = new SiloClient(BaseAddress);
    }

    /// <summary>Its Orleans silo-to-silo port (<c>Orleans__SiloPort</c>), kept across restarts.</summary>
    public int SiloPort { get; }

    /// <summary>Its Orleans gateway port (<c>Orleans__GatewayPort</c>), where Orleans clients connect.</summary>
    public int GatewayPort { get; }

    /// <summary>The silo's data folder (<c>Silo__DataDirectory</c>).</summary>
    public string DataDirectory { get; }

    /// <summary>Where the silo listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client for this silo.</summary>
    public SiloClient Client { get; }

    /// <summary>The running silo's process id (for its memory, its signals).</summary>
    public int ProcessId => _process is { HasExited: false } process ? process.Id : throw new InvalidOperationException("The silo is not running.");

    /// <summary>How many times the silo was started.</summary>
    public int Starts { get; private set; }

    /// <summary>Every line the silo wrote to stdout or stderr, over all its runs.</summary>
    public IReadOnlyList<string> OutputLines
    {
        get
        {
            lock (_output) return [.. _output];
        }
    }

    /// <summary>Starts the silo and waits until <c>/health</c> answers; fails with the silo's output when it does not.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("The silo is already running.");
        var silo = BuiltArtifacts.SiloAssembly;
        Directory.CreateDirectory(DataDirectory);
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            // Beside the data folder, so a silo that ignored Silo__DataDirectory would still not write into the repository.
            WorkingDirectory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(DataDirectory))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(silo);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.GetLeftPart(UriPartial.Authority));
        start.Environment["Silo__DataDirectory"] = DataDirectory;
        start.Environment["Orleans__SiloPort"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("ASPNETCORE_URLS");
        // One line per log entry, so counting lines that mention an event counts the events.
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        // The silo reads local hrefs only under its roots: the test's folder, which holds this data folder and the
        // test's samples. Anything else (/etc, other tests' folders) stays refused, as in production.
        start.Environment["Hrefs__LocalRoots__0"] = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(DataDirectory))!;
        foreach (var (name, value) in _environment) start.Environment[name] = value;

        Starts++;
        Append($"---- silo start #{Starts} ----");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Append(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Append(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        try
        {
            await Eventually.TrueAsync($"the silo at {BaseAddress} to answer /health", StartTimeout,
                async ct => process.HasExited || await Client.HealthAsync(ct), cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"{e.Message}\n{Tail()}", e);
        }
        if (process.HasExited)
            throw new InvalidOperationException($"The silo exited with code {process.ExitCode} during start-up.\n{Tail()}");
    }

    /// <summary>Kills the silo at once (SIGKILL, no shutdown hooks), like a crash, and waits until it is gone.</summary>
    public void Kill()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Append($"---- silo killed (run #{Starts}) ----");
    }

    /// <summary>True while the silo process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Stops the silo gracefully (SIGTERM: drain, leave the cluster) and waits until it exits.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process) return;
        if (Signals.Kill(process.Id, Signals.Terminate) != 0) throw new InvalidOperationException($"Could not signal silo process {process.Id}.");
        await process.WaitForExitAsync().WaitAsync(timeout);
        Append($"---- silo stopped (run #{Starts}, exit code {process.ExitCode}) ----");
    }

    /// <summary>The last lines of the silo's output, for failure messages.</summary>
    public string Tail(int lines = 60)
    {
        var all = OutputLines;
        return "silo output (last lines):\n" + string.Join('\n', all.Skip(Math.Max(0, all.Count - lines)));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        // E2E_SILO_LOGS=DIR keeps every silo's output for a post-mortem (CI artifacts, debugging).
        if (Environment.GetEnvironmentVariable("E2E_SILO_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            File.WriteAllLines(System.IO.Path.Combine(logs, $"{System.IO.Path.GetFileName(DataDirectory)}-{BaseAddress.Port}.log"), OutputLines);
        }
        _process?.Dispose();
        Client.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string line)
    {
        lock (_output) _output.Add(line);
    }
}
