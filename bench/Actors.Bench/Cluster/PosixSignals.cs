using System.Runtime.InteropServices;

namespace Actors.Bench.Cluster;

/// <summary>POSIX signals for child processes: .NET's <see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL.</summary>
internal static partial class PosixSignals
{
    /// <summary>SIGTERM: the graceful stop a process supervisor sends.</summary>
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; 0 on success.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Send(int pid, int signal);
}
