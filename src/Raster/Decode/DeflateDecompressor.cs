using System.Runtime.InteropServices;

namespace Actors.Raster.Decode;

/// <summary>
/// zlib-wrapped DEFLATE (TIFF compressions 8 and 32946) through libdeflate, the library GDAL's own
/// TIFF reader uses; one decompressor per thread.
/// </summary>
internal sealed unsafe partial class DeflateDecompressor : IBlockDecompressor
{
    private const string Lib = "libdeflate.so.0";
    private IntPtr _handle;

    public DeflateDecompressor()
    {
        _handle = libdeflate_alloc_decompressor();
        if (_handle == IntPtr.Zero) throw new OutOfMemoryException("libdeflate could not allocate a decompressor.");
    }

    /// <summary>Whether libdeflate can be loaded here.</summary>
    public static bool IsAvailable { get; } = NativeLibrary.TryLoad(Lib, out _);

    /// <inheritdoc />
    public int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (_handle == IntPtr.Zero) throw new ObjectDisposedException(nameof(DeflateDecompressor));
        nuint written;
        int result;
        fixed (byte* s = source)
        fixed (byte* d = destination)
            result = libdeflate_zlib_decompress(_handle, s, (nuint)source.Length, d, (nuint)destination.Length, &written);
        return result == 0 ? (int)written : throw new InvalidDataException(result switch
        {
            1 => "corrupt DEFLATE data",
            3 => "DEFLATE data larger than the block it belongs to",
            _ => $"libdeflate error {result}",
        });
    }

    public void Dispose()
    {
        if (_handle == IntPtr.Zero) return;
        libdeflate_free_decompressor(_handle);
        _handle = IntPtr.Zero;
    }

    [LibraryImport(Lib)] private static partial IntPtr libdeflate_alloc_decompressor();
    [LibraryImport(Lib)] private static partial void libdeflate_free_decompressor(IntPtr decompressor);
    [LibraryImport(Lib)] private static partial int libdeflate_zlib_decompress(IntPtr decompressor, byte* input, nuint inputLength, byte* output, nuint outputCapacity, nuint* written);
}
