using System.Runtime.InteropServices;

namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>POSIX signals for child processes: .NET's Process.Kill only sends SIGKILL.</summary>
internal static partial class Signals
{
    /// <summary>SIGTERM: the graceful stop a process supervisor sends.</summary>
    public const int Terminate = 15;

    /// <summary>SIGKILL: ends a process at once, no handler runs (a crash).</summary>
    public const int KillNow = 9;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; 0 on success.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
