namespace Actors.Raster;

/// <summary>
/// Splits a raster into horizontal strips aligned to the source's block rows, so each compressed
/// tile is decoded exactly once and every core gets whole strips to work on.
/// </summary>
public sealed record StripPlan(int Width, int Height, int StripHeight)
{
    /// <summary>Number of strips.</summary>
    public int Count => (Height + StripHeight - 1) / StripHeight;

    /// <summary>First row and row count of strip <paramref name="index"/>.</summary>
    public (int Row, int Rows) this[int index]
    {
        get
        {
            var row = index * StripHeight;
            return (row, Math.Min(StripHeight, Height - row));
        }
    }

    /// <summary>
    /// A plan for <paramref name="dataset"/>: strips are whole output tile rows (<see cref="Cog.CogWriter{T}.TileSize"/>),
    /// and whole source block rows when the source's blocks divide them, so no compressed block is decoded twice.
    /// </summary>
    public static StripPlan For(RasterDataset dataset) => For(dataset, RasterWindow.Whole(dataset.Width, dataset.Height));

    /// <summary>
    /// A plan for <paramref name="window"/> of <paramref name="dataset"/>. When the window's top is not on
    /// a block row, strips straddle block rows and those blocks are decoded twice; strips of at least
    /// 1,024 rows keep that to a block row in every two.
    /// </summary>
    public static StripPlan For(RasterDataset dataset, RasterWindow window)
    {
        const int tile = Cog.CogWriter<byte>.TileSize;
        var blockHeight = dataset.BlockSize().Height;
        var rows = blockHeight % tile == 0 ? blockHeight : tile;
        if (window.Y % blockHeight != 0) rows = Math.Max(rows, 2 * tile);
        return new StripPlan(window.Width, window.Height, rows);
    }
}
