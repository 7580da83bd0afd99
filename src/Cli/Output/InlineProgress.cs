namespace Actors.Cli.Output;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread, unlike <see cref="Progress{T}"/>,
/// which posts to the thread pool and can print lines out of order.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
