using System.Runtime.InteropServices;

namespace Actors.Raster.Gdal;

/// <summary>A NULL-terminated array of UTF-8 strings (GDAL's <c>char**</c> option lists), freed on dispose.</summary>
internal sealed class StringList : IDisposable
{
    private readonly IntPtr[] _strings;
    private readonly GCHandle _array;

    public StringList(IReadOnlyList<string> items)
    {
        _strings = new IntPtr[items.Count + 1];
        for (var i = 0; i < items.Count; i++) _strings[i] = Marshal.StringToCoTaskMemUTF8(items[i]);
        _array = GCHandle.Alloc(_strings, GCHandleType.Pinned);
    }

    public IntPtr Pointer => _array.AddrOfPinnedObject();

    public static StringList FromOptions(IReadOnlyDictionary<string, string>? options) =>
        new(options?.Select(kv => $"{kv.Key}={kv.Value}").ToArray() ?? []);

    public void Dispose()
    {
        _array.Free();
        foreach (var s in _strings) if (s != IntPtr.Zero) Marshal.FreeCoTaskMem(s);
    }
}
