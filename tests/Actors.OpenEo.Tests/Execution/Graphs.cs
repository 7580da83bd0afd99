using System.Text.Json.Nodes;

namespace Actors.OpenEo.Tests.Execution;

/// <summary>Process graphs as the openEO clients' builders send them.</summary>
internal static class Graphs
{
    public static JsonObject Process(string processGraphJson) => new() { ["process_graph"] = JsonNode.Parse(processGraphJson) };

    /// <summary>A UTM box (EPSG:32633) on pixel edges of the scenes' grid: columns [c0, c1), rows [r0, r1).</summary>
    public static string UtmBox(double[] transform, int c0, int r0, int c1, int r1) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $$"""{"west": {{transform[0] + c0 * transform[1]}}, "east": {{transform[0] + c1 * transform[1]}}, "north": {{transform[3] + r0 * transform[5]}}, "south": {{transform[3] + r1 * transform[5]}}, "crs": 32633}""");

    public const string NdviReducer = """
        {"process_graph": {
          "nir": {"process_id": "array_element", "arguments": {"data": {"from_parameter": "data"}, "label": "nir"}},
          "red": {"process_id": "array_element", "arguments": {"data": {"from_parameter": "data"}, "label": "red"}},
          "nd": {"process_id": "normalized_difference", "arguments": {"x": {"from_node": "nir"}, "y": {"from_node": "red"}}, "result": true}
        }}
        """;

    public static string Reducer(string process, string extraArguments = "") => Fill("""
        {"process_graph": {"r": {"process_id": "@0@", "arguments": {"data": {"from_parameter": "data"}@1@}, "result": true}}}
        """, process, extraArguments);

    /// <summary>Replaces @0@, @1@, ... in <paramref name="template"/> (JSON is all braces, so no interpolated strings).</summary>
    public static string Fill(string template, params string[] values)
    {
        for (var i = 0; i < values.Length; i++) template = template.Replace($"@{i}@", values[i], StringComparison.Ordinal);
        return template;
    }

    public const string CloudCoverAtMost20 = """
        {"eo:cloud_cover": {"process_graph": {"c": {"process_id": "lte", "arguments": {"x": {"from_parameter": "value"}, "y": 20}, "result": true}}}}
        """;

    public static string Load(string spatialExtent = "null", string temporalExtent = "null", string bands = "[\"red\", \"nir\"]", string properties = "null") => Fill("""
        {"process_id": "load_collection", "arguments": {"id": "s2", "spatial_extent": @0@, "temporal_extent": @1@, "bands": @2@, "properties": @3@}}
        """, spatialExtent, temporalExtent, bands, properties);
}
