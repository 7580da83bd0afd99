using Actors.Abstractions.Products;

namespace Actors.Grains.Results;

/// <summary>Where product results go besides the <c>results</c> Orleans stream: outside consumers' keys.</summary>
public interface IResultSink
{
    /// <summary>Announces a result; a repeat (after a silo died) carries the same ids.</summary>
    Task PublishAsync(ProductResult result, CancellationToken cancellationToken);
}

/// <summary>With memory streams there is no outside key: results go out on the Orleans stream only.</summary>
public sealed class StreamOnlyResultSink : IResultSink
{
    /// <inheritdoc />
    public Task PublishAsync(ProductResult result, CancellationToken cancellationToken) => Task.CompletedTask;
}
