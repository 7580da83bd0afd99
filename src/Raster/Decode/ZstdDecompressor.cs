using System.Runtime.InteropServices;

namespace Actors.Raster.Decode;

/// <summary>Zstandard frames (TIFF compression 50000) through the system's libzstd; one context per thread.</summary>
internal sealed unsafe partial class ZstdDecompressor : IBlockDecompressor
{
    private const string Lib = "libzstd.so.1";
    private IntPtr _context;

    public ZstdDecompressor()
    {
        _context = ZSTD_createDCtx();
        if (_context == IntPtr.Zero) throw new OutOfMemoryException("libzstd could not create a decompression context.");
    }

    /// <summary>Whether libzstd can be loaded here.</summary>
    public static bool IsAvailable { get; } = NativeLibrary.TryLoad(Lib, out _);

    /// <inheritdoc />
    public int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (_context == IntPtr.Zero) throw new ObjectDisposedException(nameof(ZstdDecompressor));
        nuint written;
        fixed (byte* s = source)
        fixed (byte* d = destination)
            written = ZSTD_decompressDCtx(_context, d, (nuint)destination.Length, s, (nuint)source.Length);
        return ZSTD_isError(written) == 0
            ? (int)written
            : throw new InvalidDataException($"corrupt Zstandard data ({Marshal.PtrToStringUTF8(ZSTD_getErrorName(written))})");
    }

    public void Dispose()
    {
        if (_context == IntPtr.Zero) return;
        ZSTD_freeDCtx(_context);
        _context = IntPtr.Zero;
    }

    [LibraryImport(Lib)] private static partial IntPtr ZSTD_createDCtx();
    [LibraryImport(Lib)] private static partial nuint ZSTD_freeDCtx(IntPtr context);
    [LibraryImport(Lib)] private static partial nuint ZSTD_decompressDCtx(IntPtr context, byte* destination, nuint capacity, byte* source, nuint length);
    [LibraryImport(Lib)] private static partial uint ZSTD_isError(nuint code);
    [LibraryImport(Lib)] private static partial IntPtr ZSTD_getErrorName(nuint code);
}
