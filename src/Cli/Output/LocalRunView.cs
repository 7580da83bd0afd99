using System.Globalization;
using Actors.Processing.Products;

namespace Actors.Cli.Output;

/// <summary>What <c>eoctl process</c> reports about a local run, as a table or as JSON.</summary>
/// <param name="Product">Product name.</param>
/// <param name="Version">Processor version.</param>
/// <param name="ItemId">Source STAC item id.</param>
/// <param name="Data">The product COG.</param>
/// <param name="Quicklook">The PNG quicklook.</param>
/// <param name="Width">Columns of the COG.</param>
/// <param name="Height">Rows of the COG.</param>
/// <param name="Epsg">EPSG code of its CRS, if it has one.</param>
/// <param name="DataType">Pixel type in STAC raster terms.</param>
/// <param name="NoData">Nodata value.</param>
/// <param name="Properties">Product-specific properties (e.g. the Otsu threshold).</param>
/// <param name="Scale">For scaled integers: value = stored × scale + offset.</param>
/// <param name="Offset">For scaled integers: see <paramref name="Scale"/>.</param>
public sealed record LocalRunView(
    string Product, string Version, string ItemId, string Data, string Quicklook, int Width, int Height, int? Epsg,
    string DataType, double? NoData, IReadOnlyDictionary<string, object?> Properties, double? Scale, double? Offset)
{
    /// <summary>The view of a processor's output.</summary>
    public static LocalRunView Of(IProductProcessor processor, string itemId, ProductOutput output) => new(
        processor.Name, processor.Version, itemId, output.DataFile, output.QuicklookFile, output.Footprint.Width, output.Footprint.Height,
        output.Footprint.Epsg, output.DataType, output.NoData, output.Properties, output.Scale, output.Offset);

    /// <summary>Writes a two-column table of outputs and properties.</summary>
    public void WriteTable(TextWriter writer)
    {
        var table = new TextTable("OUTPUT", "VALUE")
            .Add("data", Data)
            .Add("quicklook", Quicklook)
            .Add("size", $"{Width} x {Height} px")
            .Add("crs", Epsg is { } epsg ? $"EPSG:{epsg}" : "(no EPSG code)")
            .Add("data type", DataType)
            .Add("nodata", NoData?.ToString(CultureInfo.InvariantCulture));
        if (Scale is not null || Offset is not null)
            table.Add("scale / offset", string.Create(CultureInfo.InvariantCulture, $"{Scale ?? 1} / {Offset ?? 0}"));
        foreach (var (key, value) in Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            table.Add(key, Convert.ToString(value, CultureInfo.InvariantCulture));
        table.WriteTo(writer);
    }
}
