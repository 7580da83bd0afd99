namespace Actors.Processing;

/// <summary>
/// A processing failure whose message is meant for the user (missing band, unreadable asset,
/// AOI outside the scene). Retrying will not help; the work is marked failed with this reason.
/// </summary>
public sealed class ProcessingException(string message, Exception? inner = null) : Exception(message, inner);
