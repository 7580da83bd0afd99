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
    public void Float_tiles_are_zstd_with_the_floating_point_predictor_and_overviews_match_a_scalar_average()
    {
        const int size = 1024;
        var random = new Random(3);
        var values = new float[size * size];
        for (var i = 0; i < values.Length; i++)
            values[i] = random.Next(20) switch { 0 => -9999f, 1 => float.NaN, _ => (float)(random.NextDouble() * 2 - 1) };
        var path = Path.Combine(_directory, "zstd.tif");
        using (var writer = CogWriter.ForContinuous(path, size, size, Utm, -9999f))
        {
            writer.WriteStrip(512, 512, values.AsSpan(512 * size));
            writer.WriteStrip(0, 512, values.AsSpan(0, 512 * size));
            writer.Complete();
        }

        using var cog = RasterDataset.Open(path);
        Assert.True(cog.IsCloudOptimized);
        Assert.Equal("ZSTD", cog.MetadataItem("COMPRESSION", "IMAGE_STRUCTURE"));
        var full = new float[size * size];
        cog.Read<float>(1, 0, 0, size, size, full);
        Assert.Equal(values, full);
        var overview = new float[512 * 512];
        cog.ReadResampled<float>(1, 0, 0, size, size, overview, 512, 512);
        for (var y = 0; y < 512; y++)
            for (var x = 0; x < 512; x++)
            {
                var valid = new[] { values[2 * y * size + 2 * x], values[2 * y * size + 2 * x + 1], values[(2 * y + 1) * size + 2 * x], values[(2 * y + 1) * size + 2 * x + 1] }
                    .Where(v => v != -9999f && !float.IsNaN(v)).ToArray();
                float sum = 0;
                foreach (var v in valid) sum += v;
                Assert.Equal(valid.Length == 0 ? -9999f : sum / valid.Length, overview[y * 512 + x]);
            }
    }

    [Fact]
    public void Scaled_int16_tiles_read_back_exactly_with_their_scale_and_rounded_average_overviews()
    {
        const int width = 1100, height = 1030;
        var random = new Random(9);
        var values = new short[width * height];
        for (var i = 0; i < values.Length; i++) values[i] = random.Next(10) == 0 ? short.MinValue : (short)random.Next(-10000, 10001);
        var path = Path.Combine(_directory, "scaled.tif");
        using (var writer = CogWriter.ForScaled(path, width, height, Utm, short.MinValue, 1e-4, 0))
        {
            writer.WriteStrip(1024, height - 1024, values.AsSpan(1024 * width));
            writer.WriteStrip(0, 1024, values.AsSpan(0, 1024 * width));
            writer.Complete();
        }

        using var cog = RasterDataset.Open(path);
        Assert.True(cog.IsCloudOptimized);
        Assert.Equal(PixelType.Int16, cog.DataType());
        Assert.Equal((1e-4, 0.0), (cog.Scale(), cog.Offset()));
        Assert.Equal("ZSTD", cog.MetadataItem("COMPRESSION", "IMAGE_STRUCTURE"));
        var full = new short[width * height];
        cog.Read<short>(1, 0, 0, width, height, full);
        Assert.Equal(values, full);
        var (ow, oh) = ((width + 1) / 2, (height + 1) / 2);
        var overview = new short[ow * oh];
        cog.ReadResampled<short>(1, 0, 0, width, height, overview, ow, oh);
        for (var y = 0; y < oh; y++)
            for (var x = 0; x < ow; x++)
            {
                var valid = new[] { (2 * x, 2 * y), (2 * x + 1, 2 * y), (2 * x, 2 * y + 1), (2 * x + 1, 2 * y + 1) }
                    .Where(p => p.Item1 < width && p.Item2 < height).Select(p => values[p.Item2 * width + p.Item1])
                    .Where(v => v != short.MinValue).ToArray();
                var expected = valid.Length == 0 ? short.MinValue : (short)MathF.Floor((float)valid.Sum(v => v) / valid.Length + 0.5f);
                Assert.Equal(expected, overview[y * ow + x]);
            }
    }

    [Fact]
    public void Where_the_filesystem_cannot_insert_a_range_the_tiles_are_copied_behind_the_head()
    {
        if (!Directory.Exists("/dev/shm")) return; // tmpfs: no FALLOC_FL_INSERT_RANGE
        const int width = 700, height = 600;
        var values = new byte[width * height];
        new Random(8).NextBytes(values);
        var path = Path.Combine("/dev/shm", $"eo-cog-{Guid.NewGuid():N}.tif");
        try
        {
            using (var writer = CogWriter.ForClasses(path, width, height, Utm, 255))
            {
                writer.WriteStrip(0, 512, values.AsSpan(0, 512 * width));
                writer.WriteStrip(512, height - 512, values.AsSpan(512 * width));
                writer.Complete();
            }
            using var cog = RasterDataset.Open(path);
            Assert.True(cog.IsCloudOptimized);
            var read = new byte[width * height];
            cog.Read<byte>(1, 0, 0, width, height, read);
            Assert.Equal(values, read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Completing_before_every_strip_is_written_is_an_error()
    {
        using var writer = CogWriter.ForClasses(Path.Combine(_directory, "partial.tif"), 600, 600, Utm, 255);
        writer.WriteStrip(0, 512, new byte[600 * 512]);
        Assert.Throws<InvalidOperationException>(() => writer.Complete());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
