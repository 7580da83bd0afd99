using System.Diagnostics;
using System.Globalization;

namespace Actors.Bench;

/// <summary>Wall time, CPU time (user + system) and peak resident memory of one child process, as GNU time reports them.</summary>
public sealed record MeasuredRun(string Name, double Seconds, long PeakRssKb, string StandardOutput, double CpuSeconds = 0)
{
    public double PeakRssMb => PeakRssKb / 1024.0;

    /// <summary>
    /// Runs <paramref name="fileName"/> under /usr/bin/time so every contender, ours and the peer, is
    /// measured the same way (a process of its own: its peak RSS is its own, not the harness's).
    /// </summary>
    public static async Task<MeasuredRun> RunAsync(
        string name, string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment,
        CancellationToken cancellationToken)
    {
        var timeFile = Path.GetTempFileName();
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-f", "%e %M %U %S", "-o", timeFile, fileName }.Concat(arguments)) start.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{name} failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");

        var fields = (await File.ReadAllLinesAsync(timeFile, cancellationToken)).Last().Split(' ');
        File.Delete(timeFile);
        return new MeasuredRun(
            name,
            double.Parse(fields[0], CultureInfo.InvariantCulture),
            long.Parse(fields[1], CultureInfo.InvariantCulture),
            await stdout,
            double.Parse(fields[2], CultureInfo.InvariantCulture) + double.Parse(fields[3], CultureInfo.InvariantCulture));
    }
}
