namespace Actors.Raster.Algorithms;

/// <summary>
/// Maps a normalized-difference value in [-1, 1] to a 16-bit code (0 = nodata) and back. It lets a
/// whole tile's index live in two bytes a pixel, so Otsu's global histogram and the final
/// threshold come from one decode of the inputs. The code step (2/65534 ≈ 3e-5) is ~250 times finer
/// than an Otsu bin, so the threshold stays within one bin of the float computation.
/// </summary>
public static class IndexQuantizer
{
    /// <summary>The code for nodata.</summary>
    public const ushort NoData = 0;

    /// <summary>Number of distinct codes, nodata included.</summary>
    public const int Codes = 65536;

    private const float Scale = 65534 / 2f;

    /// <summary>The code of a value (NaN → <see cref="NoData"/>).</summary>
    public static ushort Encode(float value) =>
        float.IsNaN(value) ? NoData : (ushort)(int)((Math.Clamp(value, -1f, 1f) + 1f) * Scale + 1.5f);

    /// <summary>The value a code stands for (the centre of its step).</summary>
    public static double Decode(int code) => (code - 1) / (double)Scale - 1;
}
