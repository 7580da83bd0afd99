using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Cli.Output;

namespace Actors.Cli.Commands;

/// <summary><c>eoctl search</c>: STAC item search on the silo's catalog, following the pages.</summary>
public static class SearchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var collections = new Option<string?>("--collections") { Description = "Comma-separated collections (default: all)", HelpName = "a,b" };
        var ids = new Option<string?>("--ids") { Description = "Comma-separated item ids", HelpName = "a,b" };
        var bbox = new Option<string?>("--bbox") { Description = "WGS84 box; west > east crosses the antimeridian", HelpName = "w,s,e,n" };
        var datetime = new Option<string?>("--datetime") { Description = "An RFC 3339 instant, or start/end with '..' for an open end", HelpName = "TIME[/TIME]" };
        var filter = new Option<string?>("--filter") { Description = "CQL2 text filter, e.g. \"eo:cloud_cover < 20\"", HelpName = "CQL2" };
        var sortby = new Option<string?>("--sortby") { Description = "Comma-separated fields, each +asc or -desc (default: newest first)", HelpName = "FIELDS" };
        var max = new Option<int>("--max") { Description = "Stop after this many items", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print the items as a JSON array" };

        var command = new Command("search", "Search the STAC catalog by collection, id, box, time and CQL2 filter")
        {
            collections, ids, bbox, datetime, filter, sortby, max, json,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(global.ServerOf(parseResult), async () =>
        {
            var limit = parseResult.GetValue(max);
            if (limit < 1) throw new UserInputException("--max must be at least 1.");
            var body = new JsonObject { ["limit"] = Math.Min(limit, 1000) };
            if (parseResult.GetValue(collections) is { } c) body["collections"] = List(c);
            if (parseResult.GetValue(ids) is { } i) body["ids"] = List(i);
            if (parseResult.GetValue(bbox) is { } b) body["bbox"] = Numbers(b);
            if (parseResult.GetValue(datetime) is { } d) body["datetime"] = d;
            if (parseResult.GetValue(filter) is { } f) (body["filter"], body["filter-lang"]) = (f, "cql2-text");
            if (parseResult.GetValue(sortby) is { } s) body["sortby"] = s;

            using var client = global.CreateClient(parseResult);
            var items = new List<JsonElement>();
            await foreach (var item in client.SearchAllItemsAsync(body, cancellationToken))
            {
                items.Add(item);
                if (items.Count == limit) break;
            }
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(Console.Out, items);
                return ExitCodes.Success;
            }
            var table = new TextTable("COLLECTION", "ID", "DATETIME", "CLOUD %");
            foreach (var item in items)
            {
                var properties = item.GetProperty("properties");
                table.Add(
                    item.TryGetProperty("collection", out var col) ? col.GetString() ?? "" : "",
                    item.GetProperty("id").GetString() ?? "",
                    properties.TryGetProperty("datetime", out var dt) && dt.ValueKind == JsonValueKind.String ? dt.GetString()! : "",
                    properties.TryGetProperty("eo:cloud_cover", out var cc) && cc.ValueKind == JsonValueKind.Number ? cc.GetDouble().ToString("0.#", CultureInfo.InvariantCulture) : "");
            }
            table.WriteTo(Console.Out);
            Console.Error.WriteLine($"{items.Count} item(s)");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static JsonArray List(string text) =>
        new(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => (JsonNode?)v).ToArray());

    private static JsonArray Numbers(string text) =>
        new(text.Split(',', StringSplitOptions.TrimEntries).Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? (JsonNode?)n
            : throw new UserInputException($"--bbox: '{v}' is not a number; give west,south,east,north.")).ToArray());
}
