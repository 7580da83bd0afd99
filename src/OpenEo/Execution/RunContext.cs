namespace Actors.OpenEo.Execution;

/// <summary>What one run shares between its processes: cancellation, progress, log, files and usage counters.</summary>
internal sealed class RunContext(ExecutionRequest request, CancellationToken cancellationToken)
{
    private readonly object _progressLock = new();
    private long _pixelsRead;
    private long _bytesWritten;
    private double _lastReported = -1;

    /// <summary>The request.</summary>
    public ExecutionRequest Request { get; } = request;

    /// <summary>Cancels the run.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Files written so far.</summary>
    public List<ResultFile> Files { get; } = [];

    /// <summary>The cube last saved (for the result's extent).</summary>
    public Cubes.RasterCube? LastSaved { get; set; }

    /// <summary>Pixels read from inputs.</summary>
    public long PixelsRead => Interlocked.Read(ref _pixelsRead);

    /// <summary>Bytes of result files.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Nodes of the top-level graph, for progress.</summary>
    public int NodeCount { get; set; } = 1;

    /// <summary>Nodes done.</summary>
    public int NodesDone { get; set; }

    /// <summary>Counts pixels read.</summary>
    public void AddPixelsRead(long pixels) => Interlocked.Add(ref _pixelsRead, pixels);

    /// <summary>Counts bytes written.</summary>
    public void AddBytesWritten(long bytes) => Interlocked.Add(ref _bytesWritten, bytes);

    /// <summary>Writes a log entry.</summary>
    public void Log(string level, string message) => Request.Log?.Invoke(new ExecutionLog(level, message, DateTimeOffset.UtcNow));

    /// <summary>Reports progress within the current node (fraction 0..1 of its work).</summary>
    public void Progress(double withinNode)
    {
        if (Request.Progress is null) return;
        var value = Math.Clamp((NodesDone + Math.Clamp(withinNode, 0, 1)) / Math.Max(1, NodeCount), 0, 1);
        // Reported in steps of a percent at most, and never backwards: workers report concurrently, so under the lock.
        lock (_progressLock)
        {
            if (value <= _lastReported || (value < _lastReported + 0.01 && value < 1)) return;
            _lastReported = value;
            Request.Progress.Report(value);
        }
    }

    /// <summary>A counter of strips for one operation that reports progress as they complete.</summary>
    public Action StripCounter(int total)
    {
        var done = 0;
        return () => Progress((double)Interlocked.Increment(ref done) / Math.Max(1, total));
    }
}
