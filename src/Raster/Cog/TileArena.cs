using Actors.Raster.Native;

namespace Actors.Raster.Cog;

/// <summary>
/// Append-only store of framed overview tiles, filled from any thread. One huge-page buffer sized for
/// the worst case instead of an array per tile: only the pages written are ever touched, and a
/// float32 tile's overviews (about 110 MB compressed) cost a few dozen page faults, not 27,000.
/// </summary>
internal sealed class TileArena(long capacity) : IDisposable
{
    private readonly NativeBuffer<byte> _buffer = new(capacity);
    private long _used;

    /// <summary>Copies <paramref name="bytes"/> in and returns where they are.</summary>
    public (long Offset, int Length) Add(ReadOnlySpan<byte> bytes)
    {
        var end = Interlocked.Add(ref _used, bytes.Length);
        if (end > _buffer.Length) throw new InvalidOperationException("Overview tiles exceed the space reserved for them.");
        bytes.CopyTo(_buffer.Slice(end - bytes.Length, bytes.Length));
        return (end - bytes.Length, bytes.Length);
    }

    /// <summary>The bytes stored at <paramref name="place"/>.</summary>
    public ReadOnlySpan<byte> this[(long Offset, int Length) place] => _buffer.Slice(place.Offset, place.Length);

    public void Dispose() => _buffer.Dispose();
}
