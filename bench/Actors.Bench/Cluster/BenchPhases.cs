namespace Actors.Bench.Cluster;

/// <summary>The phases of a run and when each began, so what a silo logged can be told apart by what was running.</summary>
public sealed class BenchPhases
{
    private readonly List<(string Name, DateTime Start)> _phases = [];

    /// <summary>Marks the start of <paramref name="name"/> (and the end of the phase before it) now.</summary>
    public void Begin(string name)
    {
        lock (_phases) _phases.Add((name, DateTime.UtcNow));
    }

    /// <summary>The phase running at <paramref name="utc"/>; "before the run" when none had begun.</summary>
    public string At(DateTime utc)
    {
        lock (_phases) return _phases.LastOrDefault(p => p.Start <= utc).Name ?? "before the run";
    }
}
