using System.Diagnostics;
using Actors.Client;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests.Deploy;

/// <summary>
/// The silo image run with podman the way the chart runs it on Kubernetes: the given environment only, as uid 10001
/// on a read-only root filesystem with every capability dropped, a tmpfs as the scratch volume, and read-only
/// mounts. Host networking: the pod IP is a loopback address and each silo has ports of its own.
/// </summary>
public sealed class SiloContainer : IAsyncDisposable
{
    private readonly List<string> _output = [];
    private readonly Process _process;
    private int _hostPid;

    /// <summary>Starts container <paramref name="name"/> of <paramref name="image"/> (call <see cref="WaitReadyAsync"/> next).</summary>
    public SiloContainer(string image, string name, IReadOnlyDictionary<string, string> environment, int httpPort, IEnumerable<string> readOnlyMounts)
    {
        Name = name;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        Client = new SiloClient(BaseAddress);
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["CONTAINERS_CONF"] = ContainersConf;
        foreach (var argument in (string[])["run", "--rm", "--name", name, "--network", "host", "--read-only", "--cap-drop", "ALL",
                     "--security-opt", "no-new-privileges", "--tmpfs", "/scratch:rw,mode=1777"])
            start.ArgumentList.Add(argument);
        foreach (var mount in readOnlyMounts) { start.ArgumentList.Add("-v"); start.ArgumentList.Add($"{mount}:{mount}:ro"); }
        foreach (var (key, value) in environment) { start.ArgumentList.Add("-e"); start.ArgumentList.Add($"{key}={value}"); }
        start.ArgumentList.Add(image);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>podman's settings for this machine (runc, ulimits), as deploy/image/build.sh uses them.</summary>
    public static string ContainersConf => Path.Combine(BuiltArtifacts.RepositoryRoot, "deploy", "image", "containers.conf");

    /// <summary>The container's name, and the silo's (POD_NAME).</summary>
    public string Name { get; }

    /// <summary>Where its HTTP API listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client for its HTTP API.</summary>
    public SiloClient Client { get; }

    /// <summary>Everything the container printed.</summary>
    public IReadOnlyList<string> OutputLines
    {
        get
        {
            lock (_output) return [.. _output];
        }
    }

    /// <summary>Waits until <paramref name="readinessPath"/> answers 200 (the chart's readiness probe).</summary>
    public async Task WaitReadyAsync(string readinessPath, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await Eventually.TrueAsync($"{Name} to answer {readinessPath} with 200", timeout, async ct =>
            {
                if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}\n{Tail()}");
                try
                {
                    if (!(await http.GetAsync(readinessPath, ct)).IsSuccessStatusCode) return false;
                    _hostPid = await HostPidAsync();
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Tail()}", e);
        }
    }

    /// <summary>
    /// Kills the container like a node failure: SIGKILL to its process, what <c>podman kill</c> sends, but sent
    /// directly (podman's own start-up takes about 0.3 s, long enough for a computation the test saw running to end
    /// first); waits until the container is gone.
    /// </summary>
    public async Task KillAsync()
    {
        // Only a pid seen while the container ran, and only while it still runs (never 0: that would be our own process group).
        if (_hostPid <= 0 || _process.HasExited || Signals.Kill(_hostPid, Signals.KillNow) != 0) await PodmanAsync("kill", Name);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>The last lines of its output.</summary>
    public string Tail(int lines = 40)
    {
        var all = OutputLines;
        return $"{Name} (last lines):\n" + string.Join('\n', all.Skip(Math.Max(0, all.Count - lines)));
    }

    // The container's process as the host sees it.
    private async Task<int> HostPidAsync()
    {
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["CONTAINERS_CONF"] = ContainersConf;
        foreach (var argument in (string[])["inspect", "--format", "{{.State.Pid}}", Name]) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return process.ExitCode == 0 && int.TryParse((await output).Trim(), out var pid) && pid > 0
            ? pid
            : throw new InvalidOperationException($"podman inspect {Name} failed: {await error}");
    }

    /// <summary>Runs <c>podman ARGS</c> with this machine's settings; returns its exit code.</summary>
    public static async Task<int> PodmanAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["CONTAINERS_CONF"] = ContainersConf;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await drain;
        return process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await PodmanAsync("rm", "--force", "--time", "0", Name);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        if (Environment.GetEnvironmentVariable("E2E_SILO_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            await File.WriteAllLinesAsync(Path.Combine(logs, $"{Name}.log"), OutputLines);
        }
        _process.Dispose();
        Client.Dispose();
    }
}
