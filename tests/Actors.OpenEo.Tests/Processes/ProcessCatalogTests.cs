using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Actors.OpenEo.Processes;

namespace Actors.OpenEo.Tests.Processes;

public sealed class ProcessCatalogTests
{
    private readonly ProcessCatalog catalog = new();

    public static TheoryData<string> ImplementedIds => [.. ProcessCatalog.ImplementedIds];

    [Fact]
    public void The_implemented_set_is_the_fifty_processes_agreed_with_the_engine()
    {
        string[] agreed =
        [
            "load_collection", "filter_bbox", "filter_temporal", "filter_bands", "reduce_dimension", "apply", "merge_cubes",
            "resample_spatial", "mask", "ndvi", "save_result",
            "add", "subtract", "multiply", "divide", "absolute", "power", "sqrt", "exp", "ln", "log", "clip",
            "linear_scale_range", "normalized_difference",
            "eq", "neq", "gt", "gte", "lt", "lte", "between", "and", "or", "not", "xor", "if", "is_nan", "is_nodata", "is_valid",
            "array_element", "mean", "median", "max", "min", "count", "sum", "sd", "variance", "first", "last",
        ];

        Assert.Equal(agreed.Order(StringComparer.Ordinal), ProcessCatalog.ImplementedIds.Order(StringComparer.Ordinal));
        Assert.Equal(ProcessCatalog.ImplementedIds.Count, ProcessCatalog.ImplementedIds.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(ImplementedIds))]
    public void Every_implemented_process_has_its_definition(string id)
    {
        var definition = catalog.Find(id);

        Assert.NotNull(definition);
        Assert.Equal(id, (string?)definition["id"]);
        Assert.IsType<JsonArray>(definition["parameters"]);
        Assert.IsType<JsonObject>(definition["returns"]);
    }

    [Theory]
    [MemberData(nameof(ImplementedIds))]
    public void Every_embedded_definition_is_the_upstream_file_byte_for_byte(string id)
    {
        var bytes = EmbeddedBytes(id);

        Assert.Equal(UpstreamDefinitionHashes.ById[id], Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Theory]
    [MemberData(nameof(ImplementedIds))]
    public void Find_returns_the_embedded_definition_unchanged(string id)
    {
        var embedded = JsonNode.Parse(EmbeddedBytes(id));

        Assert.True(JsonNode.DeepEquals(embedded, catalog.Find(id)));
    }

    [Fact]
    public void Exactly_the_implemented_definitions_are_embedded()
    {
        var embedded = typeof(ProcessCatalog).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ProcessCatalog.ResourcePrefix, StringComparison.Ordinal))
            .Select(name => name[ProcessCatalog.ResourcePrefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal);

        Assert.Equal(ProcessCatalog.ImplementedIds.Order(StringComparer.Ordinal), embedded);
    }

    [Fact]
    public void Processes_lists_the_implemented_processes_in_order()
    {
        Assert.Equal(ProcessCatalog.ImplementedIds, catalog.Processes.Select(p => (string?)p["id"]));
    }

    [Theory]
    [InlineData("product")]
    [InlineData("run_udf")]
    [InlineData("")]
    [InlineData("LOAD_COLLECTION")]
    public void A_process_not_implemented_is_not_found(string id)
    {
        Assert.Null(catalog.Find(id));
    }

    [Fact]
    public void Changing_a_definition_handed_out_leaves_the_catalog_as_it_was()
    {
        var definition = catalog.Find("ndvi")!;
        definition["summary"] = "changed";
        definition["parameters"]!.AsArray().Clear();

        var again = catalog.Find("ndvi")!;
        Assert.NotEqual("changed", (string?)again["summary"]);
        Assert.NotEmpty(again["parameters"]!.AsArray());
    }

    [Fact]
    public void Definitions_handed_out_can_be_put_into_response_documents_again_and_again()
    {
        // A JsonNode can have one parent only: a shared instance would fail the second GET /processes.
        var first = new JsonArray([.. catalog.Processes]);
        var second = new JsonArray([.. catalog.Processes]);

        Assert.Equal(first.Count, second.Count);
        Assert.True(JsonNode.DeepEquals(first, second));
    }

    [Fact]
    public void Two_catalogs_agree()
    {
        Assert.True(JsonNode.DeepEquals(new JsonArray([.. new ProcessCatalog().Processes]), new JsonArray([.. catalog.Processes])));
    }

    private static byte[] EmbeddedBytes(string id)
    {
        using var stream = typeof(ProcessCatalog).Assembly.GetManifestResourceStream(ProcessCatalog.ResourcePrefix + id + ".json");
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
