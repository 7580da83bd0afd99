using System.Diagnostics;
using System.Globalization;

namespace Actors.Raster;

/// <summary>
/// Wall and process CPU time per stage of a product run, printed to stderr when the environment
/// variable <c>ACTORS_STAGE_TIMES</c> is <c>1</c>. On a machine with few cores the wall time is bounded
/// by total CPU / cores, so CPU per stage is what shows which work does not hide behind the decode.
/// </summary>
public sealed class StageClock
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("ACTORS_STAGE_TIMES") == "1";
    private readonly string _name;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly List<(string Stage, TimeSpan Wall, TimeSpan Cpu)> _stages = [];
    private TimeSpan _lastWall, _lastCpu;

    /// <summary>Starts timing the run called <paramref name="name"/>.</summary>
    public StageClock(string name)
    {
        _name = name;
        _lastCpu = Cpu();
    }

    /// <summary>Wall time since the clock started.</summary>
    public TimeSpan Elapsed => _wall.Elapsed;

    /// <summary>Ends the stage that ran since the previous mark (or the start).</summary>
    public void Mark(string stage)
    {
        if (!Enabled) return;
        var (wall, cpu) = (_wall.Elapsed, Cpu());
        _stages.Add((stage, wall - _lastWall, cpu - _lastCpu));
        (_lastWall, _lastCpu) = (wall, cpu);
    }

    /// <summary>Prints the stages, if enabled.</summary>
    public void Report()
    {
        if (!Enabled) return;
        var c = CultureInfo.InvariantCulture;
        foreach (var (stage, wall, cpu) in _stages)
            Console.Error.WriteLine(string.Create(c, $"[{_name}] {stage,-22} wall {wall.TotalSeconds,6:F3} s  cpu {cpu.TotalSeconds,6:F3} s"));
        Console.Error.WriteLine(string.Create(c, $"[{_name}] {"total",-22} wall {_wall.Elapsed.TotalSeconds,6:F3} s  cpu {Cpu().TotalSeconds,6:F3} s (process)"));
    }

    private static TimeSpan Cpu() => Enabled ? Process.GetCurrentProcess().TotalProcessorTime : TimeSpan.Zero;
}
