using System.Diagnostics;

namespace Actors.Grains.Tests;

/// <summary>PostgreSQL and s3rver on loopback, started by deploy/local/services.sh if not running.</summary>
public static class LoopbackServices
{
    public const string PostgresServer = "Host=127.0.0.1;Port=55432;Username=postgres;Timeout=15";
    public const string S3ServiceUrl = "http://127.0.0.1:54569";

    private static readonly Lazy<Task> Started = new(StartAsync);

    public static Task EnsureStartedAsync() => Started.Value;

    private static async Task StartAsync()
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "deploy", "local", "services.sh"));
        start.ArgumentList.Add("start");
        start.ArgumentList.Add(Path.Combine(root, ".services"));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"deploy/local/services.sh start failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("No Actors.sln above the test assembly.");
    }
}
