using System.Diagnostics;

namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>Runs the built eoctl and captures what it prints.</summary>
public static class CliProcess
{
    /// <summary>The outcome of one eoctl run.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        /// <summary>Both streams, for assertion messages.</summary>
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
    }

    /// <summary>Runs <c>eoctl args...</c> and waits for it, killing it after <paramref name="timeout"/>.</summary>
    public static async Task<Result> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuiltArtifacts.CliAssembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"eoctl {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s.");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
