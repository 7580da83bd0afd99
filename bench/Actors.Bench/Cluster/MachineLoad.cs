using System.Diagnostics;
using System.Globalization;

namespace Actors.Bench.Cluster;

/// <summary>
/// What the machine is and what else ran on it: on a small machine another test run or build halves the figures,
/// so the report says when one was active instead of leaving the reader to guess.
/// </summary>
public static class MachineLoad
{
    /// <summary>Cores and memory, e.g. "2 cores, 24 GiB".</summary>
    public static string Describe()
    {
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            : null;
        var kib = memory?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var value, ..] ? long.Parse(value, CultureInfo.InvariantCulture) : 0;
        return kib > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {Math.Round(kib / 1024.0 / 1024.0)} GiB")
            : $"{Environment.ProcessorCount} cores";
    }

    /// <summary>A report's sentence on what else ran while a run measured (<paramref name="seen"/> from a <see cref="Watch"/>).</summary>
    public static string Sentence(IReadOnlyList<string> seen) =>
        seen.Count > 0
            ? "**Other work ran on the machine during this run** (" + string.Join("; ", seen.Select(p => $"`{SiloProblemsReport.Shorten(p)}`"))
              + "): the figures are lower than on an idle machine."
            : "Nothing else heavy ran (no `dotnet test` or `dotnet build` seen, checked every 5 s).";

    /// <summary>Command lines of running <c>dotnet test</c> and <c>dotnet build</c> processes (none when pgrep is missing).</summary>
    public static IReadOnlyList<string> HeavyProcesses()
    {
        try
        {
            var start = new ProcessStartInfo("pgrep") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-af", "dotnet (test|build)" }) start.ArgumentList.Add(argument);
            using var pgrep = Process.Start(start);
            if (pgrep is null) return [];
            var lines = pgrep.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            pgrep.WaitForExit();
            // Without the pid: the same run seen twice is one run.
            return lines.Select(l => l.Split(' ', 2) is [_, var command] ? command : l).ToArray();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
    }

    /// <summary>
    /// Looks for heavy processes every few seconds until disposed, so a test run that starts and ends in the
    /// middle of the measurements is seen too.
    /// </summary>
    public sealed class Watch : IAsyncDisposable
    {
        private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        /// <summary>Starts watching.</summary>
        public Watch() => _loop = Task.Run(LoopAsync);

        /// <summary>Every heavy command line seen so far.</summary>
        public IReadOnlyList<string> Seen
        {
            get
            {
                lock (_seen) return [.. _seen];
            }
        }

        /// <summary>Stops watching.</summary>
        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
            _stop.Dispose();
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var command in HeavyProcesses())
                {
                    bool added;
                    lock (_seen) added = _seen.Add(command);
                    if (added) Console.WriteLine($"note: another heavy process runs and will slow the figures: {command}");
                }
                await Task.Delay(Period, _stop.Token);
            }
        }
    }
}
