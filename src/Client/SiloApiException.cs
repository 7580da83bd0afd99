using System.Net;

namespace Actors.Client;

/// <summary>
/// The silo answered with a non-success status code. <see cref="Exception.Message"/> carries the
/// server's own explanation (its <c>ApiError.Error</c>) when it sent one.
/// </summary>
public sealed class SiloApiException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="statusCode">The HTTP status the silo answered with.</param>
    /// <param name="serverMessage">The server's error message, or null when the body had none.</param>
    /// <param name="requestDescription">The request, e.g. <c>GET /api/scenes/x</c>, for the fallback message.</param>
    public SiloApiException(HttpStatusCode statusCode, string? serverMessage, string requestDescription)
        : base(serverMessage ?? $"{requestDescription} failed with HTTP {(int)statusCode} {statusCode}.")
    {
        StatusCode = statusCode;
        ServerMessage = serverMessage;
    }

    /// <summary>The HTTP status the silo answered with.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's error message (<c>ApiError.Error</c>), when the body carried one.</summary>
    public string? ServerMessage { get; }
}
