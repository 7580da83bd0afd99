using System.Buffers.Binary;

namespace Actors.Raster.Cog;

/// <summary>
/// One classic (32-bit) little-endian TIFF image file directory: entries sorted by tag, values that do
/// not fit in four bytes stored right after the entries. Its size is known before its offsets are.
/// </summary>
internal sealed class TiffDirectory
{
    private const ushort Short = 3, Long = 4, Ascii = 2, Double = 12;
    private readonly SortedDictionary<ushort, (ushort Type, int Count, byte[] Bytes)> _entries = new();

    public void AddShort(ushort tag, params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        _entries[tag] = (Short, values.Length, bytes);
    }

    public void AddLong(ushort tag, params uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        _entries[tag] = (Long, values.Length, bytes);
    }

    public void AddDouble(ushort tag, params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        _entries[tag] = (Double, values.Length, bytes);
    }

    public void AddAscii(ushort tag, string value)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(value + "\0");
        _entries[tag] = (Ascii, bytes.Length, bytes);
    }

    /// <summary>Bytes the directory takes, out-of-line values included (kept even, as TIFF wants).</summary>
    public int Size => 2 + 12 * _entries.Count + 4 + _entries.Values.Where(e => e.Bytes.Length > 4).Sum(e => Even(e.Bytes.Length));

    /// <summary>Writes the directory as if placed at <paramref name="offset"/>, pointing to <paramref name="next"/>.</summary>
    public byte[] Serialize(uint offset, uint next)
    {
        var buffer = new byte[Size];
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)_entries.Count);
        var extra = 2 + 12 * _entries.Count + 4;
        var position = 2;
        foreach (var (tag, (type, count, bytes)) in _entries)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(position), tag);
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(position + 2), type);
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(position + 4), (uint)count);
            if (bytes.Length <= 4) bytes.CopyTo(buffer.AsSpan(position + 8));
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(position + 8), offset + (uint)extra);
                bytes.CopyTo(buffer.AsSpan(extra));
                extra += Even(bytes.Length);
            }
            position += 12;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(position), next);
        return buffer;
    }

    private static int Even(int n) => (n + 1) & ~1;
}
