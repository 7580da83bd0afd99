namespace Actors.Cli;

/// <summary>Process exit codes of eoctl, so scripts can tell a failed product from a typo or a dead silo.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for succeeded.</summary>
    public const int Success = 0;
    /// <summary>The work ran and failed (a product or scene failed, a local run failed).</summary>
    public const int WorkFailed = 1;
    /// <summary>The input was wrong: arguments, files, or a request the silo rejected as invalid.</summary>
    public const int InvalidInput = 2;
    /// <summary>The silo could not be reached or answered with a server error.</summary>
    public const int SiloUnavailable = 3;
    /// <summary>Waiting ran out of time.</summary>
    public const int Timeout = 4;
    /// <summary>A bug in eoctl or a library it uses.</summary>
    public const int InternalError = 70;
    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
