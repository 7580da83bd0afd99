using System.Runtime.InteropServices;

namespace Actors.Raster.Native;

/// <summary>What kind of file a path names, from the <c>S_IFMT</c> bits of its mode.</summary>
public enum LinuxFileKind
{
    /// <summary>A regular file: the only kind a STAC document or a raster asset may be.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A character device such as <c>/dev/zero</c> (endless reads).</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A named pipe: opening it blocks until a writer appears.</summary>
    Fifo,

    /// <summary>A Unix socket.</summary>
    Socket,

    /// <summary>A symbolic link (only seen when links are not followed).</summary>
    SymbolicLink,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>The type and size of a file as <c>statx</c> reports them.</summary>
/// <param name="Kind">The file's type.</param>
/// <param name="Size">Its size in bytes (meaningful for regular files).</param>
public readonly record struct LinuxFileFacts(LinuxFileKind Kind, long Size);

/// <summary>
/// libc's view of paths, which .NET does not expose: <c>realpath</c> (every symbolic link resolved, so a check
/// against allowed directories sees where a path really leads) and <c>statx</c> (the file type without opening
/// the file: opening a FIFO blocks, reading a device never ends).
/// </summary>
public static partial class LinuxFiles
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    // struct statx is 256 bytes with the same layout on every architecture: stx_mode (u16) at 28, stx_size (u64) at 40.
    private const int StatxBufferSize = 256;
    private const int StatxModeOffset = 28;
    private const int StatxSizeOffset = 40;

    /// <summary>The canonical absolute path of <paramref name="path"/> (every link, <c>.</c> and <c>..</c> resolved), or null with <paramref name="errno"/> when it cannot be resolved (e.g. it does not exist).</summary>
    public static unsafe string? RealPath(string path, out int errno)
    {
        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }
        try
        {
            errno = 0;
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    /// <summary>The type and size of the file at <paramref name="path"/> (links followed), or null with <paramref name="errno"/>.</summary>
    public static unsafe LinuxFileFacts? Stat(string path, out int errno)
    {
        var buffer = stackalloc byte[StatxBufferSize];
        if (statx(AtFdCwd, path, 0, StatxType | StatxSize, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }
        errno = 0;
        var span = new ReadOnlySpan<byte>(buffer, StatxBufferSize);
        // Native byte order: the kernel writes the struct as the CPU stores integers.
        var mode = MemoryMarshal.Read<ushort>(span[StatxModeOffset..]);
        var size = MemoryMarshal.Read<ulong>(span[StatxSizeOffset..]);
        return new LinuxFileFacts(KindOf(mode), (long)Math.Min(size, long.MaxValue));
    }

    private static LinuxFileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => LinuxFileKind.Regular,
        0x4000 => LinuxFileKind.Directory,
        0x2000 => LinuxFileKind.CharacterDevice,
        0x6000 => LinuxFileKind.BlockDevice,
        0x1000 => LinuxFileKind.Fifo,
        0xC000 => LinuxFileKind.Socket,
        0xA000 => LinuxFileKind.SymbolicLink,
        _ => LinuxFileKind.Other,
    };

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr realpath(string path, IntPtr resolved);

    [LibraryImport("libc")]
    private static partial void free(IntPtr pointer);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int directoryFd, string path, int flags, uint mask, byte* buffer);
}
