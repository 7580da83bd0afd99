using System.Runtime.InteropServices;

namespace Actors.Raster.Cog;

/// <summary>
/// Zstandard through the system's libzstd (the library GDAL itself links for COMPRESS=ZSTD), one
/// compression context per thread, reused for every tile.
/// </summary>
internal sealed unsafe partial class ZstdCompressor : IDisposable
{
    private const string Lib = "libzstd.so.1";
    private IntPtr _context;

    public ZstdCompressor(int level)
    {
        Level = level;
        _context = ZSTD_createCCtx();
        if (_context == IntPtr.Zero) throw new OutOfMemoryException("libzstd could not create a compression context.");
    }

    public int Level { get; }

    /// <summary>The most bytes compressing <paramref name="length"/> bytes can produce.</summary>
    public static int Bound(int length) => checked((int)ZSTD_compressBound((nuint)length));

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/> (at least <see cref="Bound"/> long) as one frame.</summary>
    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        nuint written;
        fixed (byte* s = source)
        fixed (byte* d = destination)
            written = ZSTD_compressCCtx(_context, d, (nuint)destination.Length, s, (nuint)source.Length, Level);
        if (ZSTD_isError(written) != 0)
            throw new InvalidOperationException($"zstd compression failed: {Marshal.PtrToStringUTF8(ZSTD_getErrorName(written))}");
        return (int)written;
    }

    public void Dispose()
    {
        if (_context == IntPtr.Zero) return;
        ZSTD_freeCCtx(_context);
        _context = IntPtr.Zero;
    }

    [LibraryImport(Lib)] private static partial IntPtr ZSTD_createCCtx();
    [LibraryImport(Lib)] private static partial nuint ZSTD_freeCCtx(IntPtr context);
    [LibraryImport(Lib)] private static partial nuint ZSTD_compressCCtx(IntPtr context, byte* destination, nuint capacity, byte* source, nuint length, int level);
    [LibraryImport(Lib)] private static partial nuint ZSTD_compressBound(nuint length);
    [LibraryImport(Lib)] private static partial uint ZSTD_isError(nuint code);
    [LibraryImport(Lib)] private static partial IntPtr ZSTD_getErrorName(nuint code);
}
