using Actors.Raster.Native;

namespace Actors.Raster.Cog;

/// <summary>
/// Zstandard through the system's libzstd (the library GDAL itself links for COMPRESS=ZSTD), one
/// compression context per thread, reused for every tile.
/// </summary>
internal sealed unsafe class ZstdCompressor : IDisposable
{
    private IntPtr _context;

    public ZstdCompressor(int level)
    {
        Level = level;
        _context = LibZstd.ZSTD_createCCtx();
        if (_context == IntPtr.Zero) throw new OutOfMemoryException("libzstd could not create a compression context.");
    }

    public int Level { get; }

    /// <summary>The most bytes compressing <paramref name="length"/> bytes can produce.</summary>
    public static int Bound(int length) => checked((int)LibZstd.ZSTD_compressBound((nuint)length));

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/> (at least <see cref="Bound"/> long) as one frame.</summary>
    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        nuint written;
        fixed (byte* s = source)
        fixed (byte* d = destination)
            written = LibZstd.ZSTD_compressCCtx(_context, d, (nuint)destination.Length, s, (nuint)source.Length, Level);
        if (LibZstd.Error(written, "zstd compression failed") is { } error) throw new InvalidOperationException(error.Message);
        return (int)written;
    }

    public void Dispose()
    {
        if (_context == IntPtr.Zero) return;
        LibZstd.ZSTD_freeCCtx(_context);
        _context = IntPtr.Zero;
    }
}
