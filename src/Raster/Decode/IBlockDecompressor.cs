namespace Actors.Raster.Decode;

/// <summary>Decompresses one TIFF block; one instance per thread.</summary>
internal interface IBlockDecompressor : IDisposable
{
    /// <summary>Decompresses <paramref name="source"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    /// <exception cref="InvalidDataException">The data is corrupt or does not fit.</exception>
    int Decompress(ReadOnlySpan<byte> source, Span<byte> destination);
}
