namespace Actors.Processing.Products;

/// <summary>One product's raster work: from staged bands to a COG and a PNG quicklook.</summary>
public interface IProductProcessor
{
    /// <summary>Product name, see <c>ProductNames</c>; also the output STAC collection.</summary>
    string Name { get; }

    /// <summary>Processor version; part of the product grain key so a new version recomputes.</summary>
    string Version { get; }

    /// <summary>eo:common_name of the bands it reads.</summary>
    IReadOnlyList<string> RequiredBands { get; }

    /// <summary>Runs the product. Throws <see cref="ProcessingException"/> for user-facing failures.</summary>
    Task<ProductOutput> RunAsync(ProductInput input, CancellationToken cancellationToken);
}

/// <summary>Input of a product run.</summary>
/// <param name="BandFiles">eo:common_name to GDAL-readable path, at least <see cref="IProductProcessor.RequiredBands"/>, on one grid.</param>
/// <param name="OutputDirectory">Where to write the outputs.</param>
/// <param name="OutputName">File stem of the outputs (<c>{stem}.tif</c>, <c>{stem}.png</c>).</param>
public sealed record ProductInput(IReadOnlyDictionary<string, string> BandFiles, string OutputDirectory, string OutputName);

/// <summary>Output of a product run.</summary>
/// <param name="DataFile">The COG.</param>
/// <param name="QuicklookFile">The PNG quicklook.</param>
/// <param name="Footprint">Grid of the COG.</param>
/// <param name="DataType">Pixel type in STAC raster terms (<c>uint8</c>, <c>float32</c>).</param>
/// <param name="NoData">Nodata value of the COG.</param>
/// <param name="Properties">Product-specific item properties (e.g. the Otsu threshold).</param>
/// <param name="Scale">For scaled integers: value = stored × scale + offset (STAC raster:scale).</param>
/// <param name="Offset">For scaled integers: see <paramref name="Scale"/> (STAC raster:offset).</param>
public sealed record ProductOutput(
    string DataFile, string QuicklookFile, RasterFootprint Footprint, string DataType, double? NoData,
    IReadOnlyDictionary<string, object?> Properties, double? Scale = null, double? Offset = null);
