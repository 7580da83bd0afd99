using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Actors.Raster.Native;
using Microsoft.Win32.SafeHandles;

namespace Actors.Raster.Cog;

/// <summary>
/// Appends the full-resolution tile data to the output file. Where the filesystem allows it, the bytes
/// go to disk with O_DIRECT from a writer thread: copying hundreds of megabytes into the page cache is
/// CPU the decode needs (on the benchmark VM about 0.4 s per full NDVI tile, page-cache pages being
/// expensive to allocate), while the disk can take them in the background. Elsewhere (tmpfs, other
/// systems) they are written through the page cache.
/// </summary>
internal sealed unsafe class TileDataSink : IDisposable
{
    private const int Alignment = 4096;
    private const int ChunkBytes = 4 << 20;
    private const int Chunks = 4;

    private readonly SafeFileHandle _file;
    private readonly int _direct = -1;
    private readonly BlockingCollection<(NativeBuffer<byte> Chunk, long Offset, int Length)>? _queue;
    private readonly BlockingCollection<NativeBuffer<byte>>? _free;
    private readonly List<NativeBuffer<byte>> _chunks = [];
    private readonly Task? _writer;
    private NativeBuffer<byte>? _current;
    private int _filled;
    private long _chunkOffset, _length;

    public TileDataSink(string path, SafeFileHandle file)
    {
        _file = file;
        // ACTORS_COG_BUFFERED_WRITES=1 forces the page-cache path, to compare the two.
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("ACTORS_COG_BUFFERED_WRITES") == "1") return;
        _direct = LibC.Open(path, LibC.WriteOnlyDirect);
        if (_direct < 0) return;
        _free = new BlockingCollection<NativeBuffer<byte>>(Chunks);
        _queue = new BlockingCollection<(NativeBuffer<byte>, long, int)>(Chunks);
        for (var i = 0; i < Chunks; i++)
        {
            // Huge-page aligned, so aligned for O_DIRECT too, and touched with a handful of page faults instead of a thousand each.
            var chunk = new NativeBuffer<byte>(ChunkBytes);
            _chunks.Add(chunk);
            _free.Add(chunk);
        }
        _current = _free.Take();
        _writer = Task.Factory.StartNew(WriteChunks, TaskCreationOptions.LongRunning);
    }

    /// <summary>Appends <paramref name="data"/>; calls must not overlap.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (_direct < 0)
        {
            RandomAccess.Write(_file, data, _length);
            // Inserting the head later makes the kernel write every dirty page of the file back first;
            // starting that now lets the disk work while the cores decode.
            if (OperatingSystem.IsLinux()) _ = LibC.sync_file_range((int)_file.DangerousGetHandle(), _length, data.Length, LibC.SyncFileRangeWrite);
            _length += data.Length;
            return;
        }
        while (!data.IsEmpty)
        {
            var n = Math.Min(data.Length, ChunkBytes - _filled);
            data[..n].CopyTo(_current!.Slice(_filled, n));
            (_filled, _length) = (_filled + n, _length + n);
            data = data[n..];
            if (_filled == ChunkBytes) Hand(ChunkBytes);
        }
    }

    /// <summary>Writes what is left and waits until every byte is in the file, which is then exactly as long as the data.</summary>
    public void Finish()
    {
        if (_direct < 0) return;
        if (_filled > 0)
        {
            var padded = (_filled + Alignment - 1) / Alignment * Alignment;
            _current!.Slice(_filled, padded - _filled).Clear();
            Hand(padded);
        }
        _queue!.CompleteAdding();
        _writer!.GetAwaiter().GetResult();
        if (LibC.FTruncate(_direct, _length) != 0)
            throw new IOException($"Cannot set the length of the COG being written (errno {Marshal.GetLastPInvokeError()}).");
    }

    private void Hand(int length)
    {
        _queue!.Add((_current!, _chunkOffset, length));
        _chunkOffset += length;
        _filled = 0;
        while (!_free!.TryTake(out _current, 100))
            if (_writer!.IsCompleted)
            {
                _writer.GetAwaiter().GetResult();
                throw new IOException("The COG's tile writer stopped.");
            }
    }

    private void WriteChunks()
    {
        foreach (var (chunk, offset, length) in _queue!.GetConsumingEnumerable())
        {
            for (var done = 0; done < length;)
            {
                nint n;
                fixed (byte* pending = chunk.Slice(done, length - done))
                    n = LibC.PWrite(_direct, pending, (nuint)(length - done), offset + done);
                if (n <= 0)
                {
                    _queue.CompleteAdding();
                    throw new IOException($"Writing the COG's tiles failed (errno {Marshal.GetLastPInvokeError()}).");
                }
                done += (int)n;
            }
            _free!.Add(chunk);
        }
    }

    public void Dispose()
    {
        if (_direct < 0) return;
        _queue!.CompleteAdding();
        try { _writer!.Wait(); } catch (AggregateException) { } // the failure was reported by Finish, or the write is being abandoned
        LibC.Close(_direct);
        foreach (var chunk in _chunks) chunk.Dispose();
        _queue.Dispose();
        _free!.Dispose();
    }
}
