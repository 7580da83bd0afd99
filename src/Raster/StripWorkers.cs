namespace Actors.Raster;

/// <summary>
/// Runs work items on exactly one worker per core, each created once and taking the next item from a
/// shared counter. Unlike Parallel.For's per-task local state, which is re-created whenever the runtime
/// replaces a task, this keeps per-worker buffers and GDAL handles to one set per core, so memory is
/// bounded and predictable, and items are taken in order.
/// </summary>
public static class StripWorkers
{
    /// <summary>Processes items 0..<paramref name="count"/>-1; the first exception stops the others and is rethrown.</summary>
    public static void Run<TWorker>(
        int count, Func<TWorker> createWorker, Action<int, TWorker> process, Action<TWorker> finish,
        CancellationToken cancellationToken)
    {
        var next = -1;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, Math.Min(Environment.ProcessorCount, Math.Max(1, count))).Select(_ => Task.Factory.StartNew(() =>
        {
            var worker = createWorker();
            try
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < count)
                {
                    failed.Token.ThrowIfCancellationRequested();
                    process(index, worker);
                }
            }
            catch
            {
                failed.Cancel();
                throw;
            }
            finally
            {
                finish(worker);
            }
        }, failed.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            Task.WaitAll(workers);
        }
        catch (AggregateException e)
        {
            var first = e.Flatten().InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }
}
