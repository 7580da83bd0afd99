namespace Actors.Abstractions.Acquisitions;

/// <summary>
/// The silo is reading as many STAC items as it allows at once and this acquisition waited too long for its turn;
/// nothing was queued. Not the submission's fault: the HTTP API answers 429 with <c>Retry-After</c>.
/// </summary>
[GenerateSerializer]
public sealed class AcquisitionBusyException : Exception
{
    /// <summary>A busy answer saying <paramref name="message"/>, to retry after <paramref name="retryAfterSeconds"/>.</summary>
    public AcquisitionBusyException(string message, int retryAfterSeconds) : base(message) => RetryAfterSeconds = retryAfterSeconds;

    /// <summary>How long the caller should wait before retrying, in seconds.</summary>
    [Id(0)] public int RetryAfterSeconds { get; init; }
}
