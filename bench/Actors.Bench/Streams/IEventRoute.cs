namespace Actors.Bench.Streams;

/// <summary>
/// How acquisition events enter the system through its stream and how their results come back: the Orleans client's
/// enqueue and results stream (memory streams), or an outside producer's <c>XADD</c> and a reader of the
/// <c>results</c> key (Redis).
/// </summary>
public interface IEventRoute : IAsyncDisposable
{
    /// <summary>How events go in and results come out, for the report.</summary>
    string Description { get; }

    /// <summary>Results, as this route's consumer sees them.</summary>
    ResultBoard Results { get; }

    /// <summary>Starts watching the results of <paramref name="sceneIds"/> (before their events are sent).</summary>
    Task WatchAsync(IReadOnlyCollection<string> sceneIds, CancellationToken cancellationToken);

    /// <summary>
    /// Puts one acquisition per item (with the job id, if any) on the stream; returns when all are on it, with the time
    /// each went on (Unix milliseconds).
    /// </summary>
    Task<IReadOnlyList<double>> SendAsync(IReadOnlyList<(string ItemPath, string? JobId)> events, CancellationToken cancellationToken);

    /// <summary>Returns once every event sent so far has been delivered to its scene grain, as far as the route can tell.</summary>
    Task WaitDeliveredAsync(CancellationToken cancellationToken);
}
