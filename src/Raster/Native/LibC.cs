using System.Runtime.InteropServices;

namespace Actors.Raster.Native;

/// <summary>The few Linux libc calls the raster engine uses to keep the kernel's work small.</summary>
internal static partial class LibC
{
    /// <summary>madvise advice: back the range with transparent huge pages.</summary>
    public const int MadvHugePage = 14;

    /// <summary>fallocate mode: insert a hole at an offset, shifting the data after it.</summary>
    public const int FallocInsertRange = 0x20;

    /// <summary>sync_file_range flag: start writing the range back, without waiting.</summary>
    public const uint SyncFileRangeWrite = 2;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sync_file_range(int fd, long offset, long length, uint flags);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    public static unsafe partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int FTruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    /// <summary>open flags: write only, bypassing the page cache (O_DIRECT's value differs by architecture).</summary>
    public static int WriteOnlyDirect => 0x1 | (System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 or System.Runtime.InteropServices.Architecture.Arm => 0x10000,
        _ => 0x4000,
    });

    [LibraryImport("libc", SetLastError = true)]
    public static partial int madvise(IntPtr address, nuint length, int advice);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fallocate(int fd, int mode, long offset, long length);
}
