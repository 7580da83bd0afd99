namespace Actors.Raster;

/// <summary>A rectangle of pixels of a raster: columns [X, X + Width), rows [Y, Y + Height).</summary>
public readonly record struct RasterWindow(int X, int Y, int Width, int Height)
{
    /// <summary>The whole of a raster of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static RasterWindow Whole(int width, int height) => new(0, 0, width, height);
}
