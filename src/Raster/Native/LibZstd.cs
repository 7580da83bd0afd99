using System.Runtime.InteropServices;

namespace Actors.Raster.Native;

/// <summary>The system's libzstd (the library GDAL links for COMPRESS=ZSTD): the calls the COG writer and the block decode use.</summary>
internal static unsafe partial class LibZstd
{
    private const string Lib = "libzstd.so.1";

    /// <summary>Whether libzstd can be loaded here.</summary>
    public static bool IsAvailable { get; } = NativeLibrary.TryLoad(Lib, out _);

    /// <summary>The exception for a libzstd error code, or null when <paramref name="code"/> is not one.</summary>
    public static InvalidDataException? Error(nuint code, string what) =>
        ZSTD_isError(code) == 0 ? null : new InvalidDataException($"{what} ({Marshal.PtrToStringUTF8(ZSTD_getErrorName(code))})");

    [LibraryImport(Lib)] public static partial IntPtr ZSTD_createCCtx();
    [LibraryImport(Lib)] public static partial nuint ZSTD_freeCCtx(IntPtr context);
    [LibraryImport(Lib)] public static partial nuint ZSTD_compressCCtx(IntPtr context, byte* destination, nuint capacity, byte* source, nuint length, int level);
    [LibraryImport(Lib)] public static partial nuint ZSTD_compressBound(nuint length);
    [LibraryImport(Lib)] public static partial IntPtr ZSTD_createDCtx();
    [LibraryImport(Lib)] public static partial nuint ZSTD_freeDCtx(IntPtr context);
    [LibraryImport(Lib)] public static partial nuint ZSTD_decompressDCtx(IntPtr context, byte* destination, nuint capacity, byte* source, nuint length);
    [LibraryImport(Lib)] private static partial uint ZSTD_isError(nuint code);
    [LibraryImport(Lib)] private static partial IntPtr ZSTD_getErrorName(nuint code);
}
