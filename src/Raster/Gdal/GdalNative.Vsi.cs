using System.Runtime.InteropServices;

namespace Actors.Raster.Gdal;

internal static partial class GdalNative
{
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int VSIIngestFile(IntPtr file, string name, out IntPtr contents, out ulong size, long maxSize);
}
