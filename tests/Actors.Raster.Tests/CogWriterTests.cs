using Actors.Raster;
using Actors.Raster.Cog;

namespace Actors.Raster.Tests;

public sealed class CogWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("eo-cog-").FullName;
    private static readonly CogGeoreference Utm = new([399960, 10, 0, 5900040, 0, -10], 32633, Geographic: false);

    [Fact]
    public void Strips_written_out_of_order_read_back_exactly_as_a_cog_gdal_recognises()
    {
        const int width = 1300, height = 1100; // not multiples of the tile size: edge tiles are padded
        var values = new byte[width * height];
        var random = new Random(5);
        random.NextBytes(values);
        var path = Path.Combine(_directory, "classes.tif");
        using (var writer = CogWriter.ForClasses(path, width, height, Utm, 255))
        {
            foreach (var row in new[] { 1024, 0, 512 })
            {
                var rows = Math.Min(512, height - row);
                writer.WriteStrip(row, rows, values.AsSpan(row * width, rows * width));
            }
            writer.Complete();
        }

        using var cog = RasterDataset.Open(path);
        Assert.True(cog.IsCloudOptimized, "GDAL must report LAYOUT=COG");
        Assert.Equal((width, height), (cog.Width, cog.Height));
        Assert.Equal((512, 512), cog.BlockSize());
        Assert.Equal(2, cog.OverviewCount());
        Assert.Equal(255, cog.NoData());
        Assert.Equal([399960, 10, 0, 5900040, 0, -10], cog.GeoTransform);
        using (var crs = cog.SpatialReference()) Assert.Equal(32633, crs.Epsg);
        var read = new byte[width * height];
        cog.Read<byte>(1, 0, 0, width, height, read);
        Assert.Equal(values, read);
    }

    [Fact]
    public void Float_overviews_average_the_valid_pixels_and_keep_nodata_where_none_is_valid()
    {
        const int size = 1024;
        var values = new float[size * size];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                values[y * size + x] = x < 4 ? -9999f : (x % 2 == 0 ? 0.25f : 0.75f);
        var path = Path.Combine(_directory, "continuous.tif");
        using (var writer = CogWriter.ForContinuous(path, size, size, Utm, -9999f))
        {
            writer.WriteStrip(0, 512, values.AsSpan(0, 512 * size));
            writer.WriteStrip(512, 512, values.AsSpan(512 * size));
            writer.Complete();
        }

        using var cog = RasterDataset.Open(path);
        Assert.Equal(1, cog.OverviewCount());
        var overview = new float[512 * 512];
        cog.ReadResampled<float>(1, 0, 0, size, size, overview, 512, 512);
        Assert.Equal(-9999f, overview[0]);
        Assert.Equal(0.5f, overview[100], 6);
        var full = new float[size * size];
        cog.Read<float>(1, 0, 0, size, size, full);
        Assert.Equal(values, full);
    }

    [Fact]
    public void Completing_before_every_strip_is_written_is_an_error()
    {
        using var writer = CogWriter.ForClasses(Path.Combine(_directory, "partial.tif"), 600, 600, Utm, 255);
        writer.WriteStrip(0, 512, new byte[600 * 512]);
        Assert.Throws<InvalidOperationException>(writer.Complete);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
