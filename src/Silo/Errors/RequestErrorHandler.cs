using Actors.Abstractions;
using Actors.Grains.Execution;
using Microsoft.AspNetCore.Diagnostics;

namespace Actors.Silo.Errors;

/// <summary>
/// Exceptions that are answers, not faults: a request the framework could not read (malformed parameter, body too
/// large: its 4xx) and a service that is down (503, retry later). Handled here, they are not logged as unhandled
/// errors with a stack trace; anything else falls through to the 500 handler, which logs it.
/// </summary>
public sealed class RequestErrorHandler(ILogger<RequestErrorHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case BadHttpRequestException bad:
                logger.LogInformation("Refused {Method} {Path}: {Status} {Reason}", context.Request.Method, context.Request.Path, bad.StatusCode, bad.Message);
                await ErrorResponses.WriteAsync(context, bad.StatusCode, EchoedText.Of(bad.Message));
                return true;
            case var e when TransientFailures.Is(e):
                logger.LogWarning("{Method} {Path} met an unavailable service: {Error}", context.Request.Method, context.Request.Path, e.Message);
                context.Response.Headers.RetryAfter = "5";
                await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                    $"A service the silo needs is unavailable, retry shortly: {e.Message}");
                return true;
            default:
                return false;
        }
    }
}
