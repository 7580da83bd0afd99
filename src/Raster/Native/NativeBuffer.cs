using System.Runtime.InteropServices;

namespace Actors.Raster.Native;

/// <summary>
/// A large buffer outside the GC heap, backed by transparent huge pages where the kernel allows it.
/// A whole-tile buffer touched for the first time costs one page fault per 4 KiB page otherwise
/// (about 60,000 for 241 MB), and on a virtual machine those faults cost more CPU than the work
/// done in the buffer; with 2 MiB pages there are a few hundred.
/// </summary>
public sealed unsafe class NativeBuffer<T> : IDisposable where T : unmanaged
{
    private const nuint HugePage = 2 << 20;
    private readonly nuint _bytes;
    private T* _pointer;

    /// <summary>Allocates <paramref name="length"/> elements, not zeroed.</summary>
    public NativeBuffer(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        var bytes = ((nuint)(length * sizeof(T)) + HugePage - 1) & ~(HugePage - 1);
        if (bytes == 0) bytes = HugePage;
        _pointer = (T*)NativeMemory.AlignedAlloc(bytes, HugePage);
        GC.AddMemoryPressure((long)bytes);
        if (OperatingSystem.IsLinux()) _ = LibC.madvise((IntPtr)_pointer, bytes, LibC.MadvHugePage); // advice only: fine if refused
        _bytes = bytes;
    }

    /// <summary>Number of elements.</summary>
    public long Length { get; }

    /// <summary>Elements [<paramref name="start"/>, start + <paramref name="length"/>).</summary>
    public Span<T> Slice(long start, int length)
    {
        ObjectDisposedException.ThrowIf(_pointer is null, this);
        if (start < 0 || length < 0 || start + length > Length) throw new ArgumentOutOfRangeException(nameof(start));
        return new Span<T>(_pointer + start, length);
    }

    /// <summary>The whole buffer; it must hold at most <see cref="int.MaxValue"/> elements.</summary>
    public Span<T> Span => Slice(0, checked((int)Length));

    /// <inheritdoc />
    public void Dispose()
    {
        if (_pointer is null) return;
        NativeMemory.AlignedFree(_pointer);
        GC.RemoveMemoryPressure((long)_bytes);
        _pointer = null;
    }
}
