using System.Text.Json.Nodes;

namespace Actors.Bench.OpenEo;

/// <summary>The two process graphs the benchmark runs.</summary>
public static class OpenEoGraphs
{
    /// <summary>NDVI of the scenes in <paramref name="start"/>..<paramref name="end"/> over <paramref name="bbox"/>, as GeoTIFF.</summary>
    public static JsonObject Ndvi(double[] bbox, DateTimeOffset start, DateTimeOffset end) => Process(new JsonObject
    {
        ["load"] = Load(bbox, start, end),
        ["ndvi"] = Node("ndvi", new JsonObject { ["data"] = From("load") }),
        ["save"] = Save("ndvi"),
    });

    /// <summary>The maximum NDVI over time of the scenes in <paramref name="start"/>..<paramref name="end"/>, as GeoTIFF.</summary>
    public static JsonObject MaxNdvi(double[] bbox, DateTimeOffset start, DateTimeOffset end) => Process(new JsonObject
    {
        ["load"] = Load(bbox, start, end),
        ["ndvi"] = Node("ndvi", new JsonObject { ["data"] = From("load") }),
        ["max"] = Node("reduce_dimension", new JsonObject
        {
            ["data"] = From("ndvi"),
            ["dimension"] = "t",
            ["reducer"] = new JsonObject
            {
                ["process_graph"] = new JsonObject
                {
                    ["max"] = Node("max", new JsonObject { ["data"] = new JsonObject { ["from_parameter"] = "data" } }, result: true),
                },
            },
        }),
        ["save"] = Save("max"),
    });

    private static JsonObject Process(JsonObject graph) => new() { ["process_graph"] = graph };

    private static JsonObject Load(double[] bbox, DateTimeOffset start, DateTimeOffset end) => Node("load_collection", new JsonObject
    {
        ["id"] = "scenes",
        ["spatial_extent"] = new JsonObject { ["west"] = bbox[0], ["south"] = bbox[1], ["east"] = bbox[2], ["north"] = bbox[3] },
        ["temporal_extent"] = new JsonArray(start.ToString("O"), end.ToString("O")),
        ["bands"] = new JsonArray("red", "nir"),
    });

    private static JsonObject Save(string from) =>
        Node("save_result", new JsonObject { ["data"] = From(from), ["format"] = "GTiff" }, result: true);

    private static JsonObject From(string node) => new() { ["from_node"] = node };

    private static JsonObject Node(string process, JsonObject arguments, bool result = false)
    {
        var node = new JsonObject { ["process_id"] = process, ["arguments"] = arguments };
        if (result) node["result"] = true;
        return node;
    }
}
