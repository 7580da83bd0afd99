using System.Net;
using Actors.Client;
using Actors.Processing;
using Actors.Processing.Hrefs;
using Actors.Raster.Gdal;

namespace Actors.Cli;

/// <summary>
/// Runs a command's body and turns the failures a user can cause or fix into one clear line on stderr
/// and an exit code from <see cref="ExitCodes"/>, instead of a stack trace.
/// </summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>, mapping known failures to messages and exit codes.</summary>
    public static async Task<int> RunAsync(Uri? server, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(ExitCodes.Cancelled, "interrupted.");
        }
        catch (UserInputException e)
        {
            return Fail(ExitCodes.InvalidInput, e.Message);
        }
        catch (HrefRefusedException e)
        {
            return Fail(ExitCodes.InvalidInput, e.Message);
        }
        catch (SiloApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return Fail(ExitCodes.InvalidInput, e.Message);
        }
        catch (SiloApiException e) when (IsClientError(e.StatusCode))
        {
            return Fail(ExitCodes.InvalidInput, $"the silo rejected the request (HTTP {(int)e.StatusCode}): {e.Message}");
        }
        catch (SiloApiException e)
        {
            return Fail(ExitCodes.SiloUnavailable, $"the silo failed (HTTP {(int)e.StatusCode}): {e.Message}");
        }
        catch (HttpRequestException e)
        {
            return Fail(ExitCodes.SiloUnavailable,
                $"cannot reach the silo at {server}: {e.Message}. Is it running? (scripts/demo.sh starts one; --server points elsewhere)");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(ExitCodes.SiloUnavailable, $"the silo at {server} did not answer in time.");
        }
        catch (ProcessingException e)
        {
            return Fail(ExitCodes.WorkFailed, e.Message);
        }
        catch (GdalException e)
        {
            return Fail(ExitCodes.WorkFailed, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(ExitCodes.WorkFailed, e.Message);
        }
        catch (Exception e)
        {
            return Fail(ExitCodes.InternalError, $"internal error ({e.GetType().Name}): {e.Message}");
        }
    }

    /// <summary>Writes <c>eoctl: message</c> to stderr and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine($"eoctl: {message}");
        return exitCode;
    }

    private static bool IsClientError(HttpStatusCode status) => (int)status is >= 400 and < 500;
}
