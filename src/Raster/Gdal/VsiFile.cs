namespace Actors.Raster.Gdal;

/// <summary>
/// Whole-file reads through GDAL's virtual file systems, so small documents (STAC items in S3) come with the
/// same settings as rasters (<c>/vsis3/</c> endpoint and credentials).
/// </summary>
public static class VsiFile
{
    /// <summary>Reads the file at the GDAL path <paramref name="name"/>, refusing files above <paramref name="maxBytes"/>.</summary>
    /// <exception cref="GdalException">GDAL could not read it (missing, unreachable, denied, too large).</exception>
    public static unsafe byte[] ReadAllBytes(string name, long maxBytes = 64 << 20)
    {
        GdalRuntime.EnsureInitialized();
        GdalNative.CPLErrorReset();
        if (GdalNative.VSIIngestFile(IntPtr.Zero, name, out var contents, out var size, maxBytes) == 0)
            throw GdalRuntime.LastError($"Reading {name}");
        try
        {
            return new ReadOnlySpan<byte>((void*)contents, checked((int)size)).ToArray();
        }
        finally
        {
            GdalNative.VSIFree(contents);
        }
    }
}
