using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Catalog.Geometry;

/// <summary>Reads a JSON number as a double whatever CLR type backs the node (parsed element or a boxed int/long/decimal).</summary>
internal static class JsonNumber
{
    public static double ToDouble(JsonValue value) =>
        value.TryGetValue<double>(out var d) ? d : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
