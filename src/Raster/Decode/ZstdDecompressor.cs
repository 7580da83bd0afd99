using Actors.Raster.Native;

namespace Actors.Raster.Decode;

/// <summary>Zstandard frames (TIFF compression 50000) through the system's libzstd; one context per thread.</summary>
internal sealed unsafe class ZstdDecompressor : IBlockDecompressor
{
    private IntPtr _context;

    public ZstdDecompressor()
    {
        _context = LibZstd.ZSTD_createDCtx();
        if (_context == IntPtr.Zero) throw new OutOfMemoryException("libzstd could not create a decompression context.");
    }

    /// <inheritdoc />
    public int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (_context == IntPtr.Zero) throw new ObjectDisposedException(nameof(ZstdDecompressor));
        nuint written;
        fixed (byte* s = source)
        fixed (byte* d = destination)
            written = LibZstd.ZSTD_decompressDCtx(_context, d, (nuint)destination.Length, s, (nuint)source.Length);
        return LibZstd.Error(written, "corrupt Zstandard data") is { } error ? throw error : (int)written;
    }

    public void Dispose()
    {
        if (_context == IntPtr.Zero) return;
        LibZstd.ZSTD_freeDCtx(_context);
        _context = IntPtr.Zero;
    }
}
