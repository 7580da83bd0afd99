using Actors.Raster;
using Actors.Raster.Decode;

namespace Actors.Raster.Tests;

/// <summary>The direct block decode gives exactly GDAL's pixels, and leaves to GDAL what it cannot read.</summary>
public sealed class DirectBlockDecodeTests : IDisposable
{
    private const int Width = 1300, Height = 1100; // not multiples of any block size: edge blocks are partial
    private readonly string _directory = Directory.CreateTempSubdirectory("eo-deflate-").FullName;

    [Theory]
    [InlineData("tiled 512, predictor 2", new[] { "-co", "TILED=YES", "-co", "BLOCKXSIZE=512", "-co", "BLOCKYSIZE=512", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2" })]
    [InlineData("tiled 256, no predictor", new[] { "-co", "TILED=YES", "-co", "BLOCKXSIZE=256", "-co", "BLOCKYSIZE=256", "-co", "COMPRESS=DEFLATE" })]
    [InlineData("tiled 1024 (blocks taller than a strip)", new[] { "-co", "TILED=YES", "-co", "BLOCKXSIZE=1024", "-co", "BLOCKYSIZE=1024", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2" })]
    [InlineData("stripped, 7 rows per strip", new[] { "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2", "-co", "BLOCKYSIZE=7" })]
    [InlineData("COG", new[] { "-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2", "-co", "BLOCKSIZE=512" })]
    [InlineData("COG, Zstandard, predictor 2", new[] { "-of", "COG", "-co", "COMPRESS=ZSTD", "-co", "PREDICTOR=2", "-co", "BLOCKSIZE=512" })]
    [InlineData("tiled 256, Zstandard, no predictor", new[] { "-co", "TILED=YES", "-co", "BLOCKXSIZE=256", "-co", "BLOCKYSIZE=256", "-co", "COMPRESS=ZSTD" })]
    public void Strips_decoded_directly_equal_gdals_read(string layout, string[] creation)
    {
        var (green, red) = (Write("green", seed: 1, creation), Write("red", seed: 2, creation));

        var direct = ReadAll(new ParallelBandReader([green, red], BandDecoding.Auto));
        var gdal = ReadAll(new ParallelBandReader([green, red], BandDecoding.Gdal));

        Assert.True(direct.Reader.DirectlyDecoded == 2, $"{layout}: both bands should take the direct path");
        Assert.Equal(0, gdal.Reader.DirectlyDecoded);
        Assert.True(gdal.Pixels[0].AsSpan().SequenceEqual(direct.Pixels[0]), $"{layout}: green differs from GDAL's read");
        Assert.True(gdal.Pixels[1].AsSpan().SequenceEqual(direct.Pixels[1]), $"{layout}: red differs from GDAL's read");

        // A window that starts inside blocks on both axes (as an AOI crop does).
        var window = new RasterWindow(301, 77, 700, 1001);
        var directWindow = ReadAll(new ParallelBandReader([green, red], BandDecoding.Auto, window));
        var gdalWindow = ReadAll(new ParallelBandReader([green, red], BandDecoding.Gdal, window));
        Assert.Equal(window.Width * window.Height, directWindow.Pixels[0].Length);
        Assert.True(gdalWindow.Pixels[0].AsSpan().SequenceEqual(directWindow.Pixels[0]), $"{layout}: the window of green differs from GDAL's read");
        Assert.True(gdalWindow.Pixels[1].AsSpan().SequenceEqual(directWindow.Pixels[1]), $"{layout}: the window of red differs from GDAL's read");
        Assert.True(gdalWindow.Pixels[0][0] == gdal.Pixels[0][window.Y * Width + window.X], "the window must start at its own top-left pixel");
    }

    [Theory]
    [InlineData("LZW", new[] { "-co", "TILED=YES", "-co", "COMPRESS=LZW" }, "UInt16")]
    [InlineData("uncompressed", new[] { "-co", "TILED=YES" }, "UInt16")]
    [InlineData("float32", new[] { "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE" }, "Float32")]
    [InlineData("int16", new[] { "-co", "TILED=YES", "-co", "COMPRESS=ZSTD" }, "Int16")]
    public void Rasters_the_direct_path_cannot_read_go_through_gdal(string layout, string[] creation, string type)
    {
        var path = Write("band", seed: 3, [.. creation, "-ot", type]);
        var reader = new ParallelBandReader([path]);
        Assert.True(reader.DirectlyDecoded == 0, $"{layout} must be left to GDAL");
    }

    [Fact]
    public void A_corrupt_block_is_an_error_naming_the_file()
    {
        var path = Write("broken", seed: 4, ["-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2"]);
        var reader = new ParallelBandReader([path]);
        Assert.Equal(1, reader.DirectlyDecoded);
        using (var dataset = RasterDataset.Open(path))
        using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write))
        {
            var offset = long.Parse(dataset.BandMetadataItem("BLOCK_OFFSET_1_1", "TIFF")!, System.Globalization.CultureInfo.InvariantCulture);
            RandomAccess.Write(file, new byte[64].AsSpan(), offset); // zeros are neither a zlib header nor a Zstandard frame
        }

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(reader));
        Assert.Contains(path, error.Message);
    }

    private string Write(string name, int seed, string[] creation)
    {
        var values = new ushort[Width * Height];
        var random = new Random(seed);
        // Smooth structure plus noise, like reflectances: the predictor has something to do.
        for (var y = 0; y < Height; y++)
        for (var x = 0; x < Width; x++)
            values[y * Width + x] = (ushort)(1000 + 3 * x + 2 * y + random.Next(0, 400));
        using var memory = RasterDataset.CreateInMemory(Width, Height, 1, PixelType.UInt16);
        memory.GeoTransform = [399960, 10, 0, 5900040, 0, -10];
        memory.Write<ushort>(1, 0, 0, Width, Height, values);
        var path = Path.Combine(_directory, $"{name}.tif");
        memory.Translate(path, creation);
        return path;
    }

    private static (ParallelBandReader Reader, ushort[][] Pixels) ReadAll(ParallelBandReader reader)
    {
        var plan = reader.Plan;
        var pixels = Enumerable.Range(0, 2).Select(_ => new ushort[plan.Width * plan.Height]).ToArray();
        reader.ForEachStrip<ushort, object?>(() => null, (strip, _) =>
        {
            for (var b = 0; b < strip.Bands.Length; b++)
                strip.Band(b).CopyTo(pixels[b].AsSpan(strip.Row * plan.Width, strip.Length));
        }, _ => { }, CancellationToken.None);
        return (reader, pixels);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
