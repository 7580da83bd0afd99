using System.Buffers.Binary;

namespace Actors.Raster.Cog;

/// <summary>
/// A tile as GDAL's COG layout stores it: its size as a 4-byte leader, the data, then its last 4 bytes
/// again (BLOCK_LEADER=SIZE_AS_UINT4, BLOCK_TRAILER=LAST_4_BYTES_REPEATED).
/// </summary>
internal static class TileFrame
{
    /// <summary>Bytes a frame adds around the data.</summary>
    public const int Overhead = 8;

    /// <summary>Frames the <paramref name="length"/> bytes of data at <paramref name="buffer"/>[4..]; returns the frame's length.</summary>
    public static int Write(Span<byte> buffer, int length)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)length);
        buffer.Slice(length, 4).CopyTo(buffer[(4 + length)..]);
        return length + Overhead;
    }
}
